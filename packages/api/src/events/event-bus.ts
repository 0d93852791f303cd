import type { Topic } from "../infra/outbox.ts";

/** One event as it travels on the bus: an outbox row, addressed by its outbox id (the idempotency key). */
export interface BusEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  /** The outbox row's uuid: consumers remember it to apply each event's effect once. */
  id: string;
  topic: Topic;
  /** What the event is about (an order id…). */
  aggregateId: string;
  payload: P;
  /** ISO time the state change committed (outbox.created_at). */
  createdAt: string;
}

/** What a handler learns about the delivery it is running in. */
export interface DeliveryInfo {
  /** 1 on the first delivery; more when a previous attempt failed or its consumer died. */
  attempt: number;
  /** The consumer instance handling it (unique per subscription). */
  consumer: string;
}

export type EventHandler = (event: BusEvent, delivery: DeliveryInfo) => Promise<void>;

export interface SubscribeOptions {
  /**
   * The consumer group. Every group receives every event of its topics; the subscribers of one group
   * (on one node or many) share them, each event going to one of them at a time.
   */
  group: string;
  topics: readonly Topic[];
  /**
   * Where a group that does not exist yet starts: "beginning" (durable consumers: nothing published
   * before the group was created is missed) or "new" (live fan-out: only what is published from now on).
   */
  from?: "beginning" | "new";
}

export interface Subscription {
  readonly consumer: string;
  /** Stops receiving. Deliveries this subscriber did not acknowledge are claimed by the group's others. */
  close(): Promise<void>;
}

/** An event that failed `maxAttempts` times, parked for a human (or a replay tool) to look at. */
export interface DeadLetter {
  event: BusEvent;
  group: string;
  attempts: number;
  error: string;
}

/**
 * The event bus port. Delivery is at-least-once: a handler that throws, or a consumer that dies before
 * acknowledging, gets the event again (after `claimIdleMs`), up to `maxAttempts` deliveries, after which it
 * goes to the dead-letter stream. Handlers must therefore be idempotent (see `consumers.ts`).
 */
export interface EventBus {
  readonly kind: "memory" | "redis-streams";
  publish(events: readonly BusEvent[]): Promise<void>;
  subscribe(options: SubscribeOptions, handler: EventHandler): Promise<Subscription>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  close(): Promise<void>;
}

export interface BusOptions {
  /** Deliveries before an event is dead-lettered. */
  maxAttempts?: number;
  /** A delivery unacknowledged for this long is handed to another subscriber of the group (its consumer is presumed dead). */
  claimIdleMs?: number;
}

export const DEFAULT_BUS_OPTIONS = { maxAttempts: 5, claimIdleMs: 30_000 } as const;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
