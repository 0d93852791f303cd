// The one map from event topic to payload schema. Producers (`writeOutbox`) are type-checked against it,
// consumers parse with it at their edge, and the socket events that forward payloads derive from it.
import type { z } from "zod";
import { DELIVERY_EVENTS } from "./delivery-events.ts";
import { HELP_EVENTS } from "./help-events.ts";
import { ORDER_EVENTS } from "./order-events.ts";
import { PAYMENT_EVENTS } from "./payment-events.ts";
import { REVIEW_EVENTS } from "./review-events.ts";
import { STORE_EVENTS } from "./store-events.ts";

export const TOPICS = {
  ...ORDER_EVENTS,
  ...PAYMENT_EVENTS,
  ...DELIVERY_EVENTS,
  ...STORE_EVENTS,
  ...REVIEW_EVENTS,
  ...HELP_EVENTS,
} as const;

export type Topic = keyof typeof TOPICS;

/** Every topic's payload, by topic. */
export type EventPayloads = { [T in Topic]: z.output<(typeof TOPICS)[T]> };
export type EventPayload<T extends Topic> = EventPayloads[T];

export type OrderTopic = keyof typeof ORDER_EVENTS;
export type DeliveryTopic = keyof typeof DELIVERY_EVENTS;

export const TOPIC_NAMES = Object.keys(TOPICS) as Topic[];

export function isTopic(value: string): value is Topic {
  return Object.hasOwn(TOPICS, value);
}

export type ParsedPayload<T extends Topic> =
  | { ok: true; payload: EventPayload<T> }
  | { ok: false; error: string };

/**
 * Checks a payload that came over the wire against its topic's schema. Unknown keys are dropped; a
 * payload that does not match answers why (the consumer logs it and skips the event).
 */
export function parseEventPayload<T extends Topic>(topic: T, payload: unknown): ParsedPayload<T> {
  if (!isTopic(topic)) return { ok: false, error: `unknown topic ${String(topic)}` };
  const schema: z.ZodType = TOPICS[topic];
  const parsed = schema.safeParse(payload);
  // The schema is the one of `topic`, so its output is that topic's payload.
  if (parsed.success) return { ok: true, payload: parsed.data as EventPayload<T> };
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`)
    .join("; ");
  return { ok: false, error: `${String(topic)} payload does not match its schema (${issues})` };
}
