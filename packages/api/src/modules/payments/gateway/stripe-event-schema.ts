import type Stripe from "stripe";
import { z } from "zod";
import { WebhookPayloadError } from "./payment-gateway.ts";

/**
 * What a signed event must look like before anything reads it. A signature proves who sent the bytes,
 * not that they are well formed: the fields we use are checked here, so that a malformed event is a
 * WebhookPayloadError (acknowledged and recorded as ignored), never a TypeError or a database error.
 * Unknown fields pass through; unknown types only need an id and a type.
 */

const amount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const id = z.string().min(1).max(255);
const metadata = z.record(z.string(), z.string()).nullish();

const envelope = z.looseObject({
  id,
  type: z.string().min(1).max(255),
  data: z.looseObject({ object: z.looseObject({}) }),
});

const charge = z.looseObject({
  id: id.nullish(),
  amount,
  amount_refunded: amount,
  currency: z.string().min(1).max(10).optional(),
  payment_intent: z.union([id, z.looseObject({ id }), z.null()]).optional(),
  metadata,
  refunds: z.looseObject({ data: z.array(z.looseObject({ id })) }).nullish(),
});

const intent = z.looseObject({
  id,
  amount,
  currency: z.string().min(1).max(10),
  status: z.string().min(1).max(64),
  client_secret: z.string().nullish(),
  metadata,
  next_action: z.looseObject({ type: z.string() }).nullish(),
  last_payment_error: z.looseObject({}).nullish(),
  payment_method: z.union([z.string(), z.looseObject({}), z.null()]).optional(),
  latest_charge: z
    .union([z.string(), z.looseObject({ amount_refunded: amount.optional() }), z.null()])
    .optional(),
});

const objectSchemas: Record<string, z.ZodType> = {
  "payment_intent.succeeded": intent,
  "payment_intent.payment_failed": intent,
  "charge.refunded": charge,
};

/** Parses and checks a verified body; throws WebhookPayloadError with the id and type when they were readable. */
export function readStripeEvent(rawBody: Buffer | string): Stripe.Event {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString("utf8") : rawBody);
  } catch {
    throw new WebhookPayloadError("the body is not JSON", null, null);
  }
  const record = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  const eventId = id.safeParse(record.id).data ?? null;
  const eventType = z.string().max(255).safeParse(record.type).data ?? null;
  const fail = (error: z.ZodError) =>
    new WebhookPayloadError(
      error.issues.map((i) => `${i.path.join(".") || "(event)"}: ${i.message}`).join("; "),
      eventId,
      eventType,
    );
  const checked = envelope.safeParse(json);
  if (!checked.success) throw fail(checked.error);
  const schema = objectSchemas[checked.data.type];
  if (schema) {
    const object = schema.safeParse(checked.data.data.object);
    if (!object.success) throw fail(object.error);
  }
  return checked.data as unknown as Stripe.Event;
}
