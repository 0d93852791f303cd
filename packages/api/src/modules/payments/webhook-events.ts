import type { Database, Transaction } from "@pizza/db";
import { applyIntent } from "./apply-intent.ts";
import { type GatewayEvent, WebhookPayloadError } from "./gateway/payment-gateway.ts";
import { inRetriedTransaction } from "./payment-ledger.ts";
import { attemptsOf, lockPayment } from "./payment-rows.ts";
import type { PaymentsContext } from "./payments-context.ts";
import { raiseRefunded } from "./refund-ledger.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one handler for gateway events (POST /webhooks/stripe, and the simulation's deliveries).
 * Throws WebhookSignatureError for a forged or stale signature, before anything is read or written.
 * Each event id is handled once: its webhook_events row is inserted in the same transaction as its
 * effects, so a replay, or two deliveries racing, change nothing. A signed event that cannot be read
 * is recorded as ignored (see ignoreMalformed) rather than thrown: redelivering it would change nothing.
 */
export async function handleWebhook(
  ctx: PaymentsContext,
  rawBody: Buffer | string,
  signature: string | undefined,
  /** PayPal's buyer approval: called once the event is recorded, outside its transaction (a capture is a gateway call). */
  onApproved?: (intentId: string) => Promise<void>,
): Promise<{ eventId: string | null; duplicate: boolean; ignored?: true }> {
  let event: GatewayEvent;
  try {
    event = await ctx.gateway.parseWebhook(rawBody, signature);
  } catch (error) {
    if (error instanceof WebhookPayloadError) return ignoreMalformed(ctx, error);
    throw error;
  }
  const type = event.type === "other" ? event.gatewayType : event.type;
  const result = await inRetriedTransaction(
    ctx.db,
    async (trx) => {
      const inserted = await trx
        .insertInto("webhook_events")
        .values({ id: event.id, gateway: ctx.gateway.name, type })
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return { eventId: event.id, duplicate: true };
      await applyEvent(ctx, trx, event);
      await trx
        .updateTable("webhook_events")
        .set({ processed_at: new Date() })
        .where("id", "=", event.id)
        .execute();
      return { eventId: event.id, duplicate: false };
    },
    ctx.random,
  );
  ctx.metrics.webhook(type, result.duplicate);
  if (event.type === "payment_intent.approved" && !result.duplicate && onApproved) {
    // Answered 200 whatever happens here: the buyer's return or PayPal's capture event settles it too.
    await onApproved(event.intent.id).catch((error: unknown) =>
      ctx.log.warn(
        { err: error, eventId: event.id },
        "capture after PayPal approval failed; left to the return",
      ),
    );
  }
  return result;
}

/**
 * A correctly signed but malformed event: a webhook_events row typed `malformed:<type>` (when it has an
 * id; processed_at stays empty: nothing was applied) and a warning with the reason, never the payload.
 */
async function ignoreMalformed(
  ctx: PaymentsContext,
  error: WebhookPayloadError,
): Promise<{ eventId: string | null; duplicate: boolean; ignored: true }> {
  let duplicate = false;
  if (error.eventId) {
    const inserted = await ctx.db
      .insertInto("webhook_events")
      .values({
        id: error.eventId,
        gateway: ctx.gateway.name,
        type: `malformed:${error.eventType ?? "unknown"}`,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    duplicate = !inserted;
  }
  ctx.log.warn(
    { eventId: error.eventId, eventType: error.eventType, reason: error.reason, duplicate },
    "signed webhook event is malformed; ignored",
  );
  ctx.metrics.webhook("malformed", duplicate);
  return { eventId: error.eventId, duplicate, ignored: true };
}

async function applyEvent(
  ctx: PaymentsContext,
  trx: Transaction<Database>,
  event: GatewayEvent,
): Promise<void> {
  if (event.type === "other") return;
  const intentId = event.type === "charge.refunded" ? event.charge.intentId : event.intent.id;
  const claimed = event.type === "charge.refunded" ? undefined : event.intent.metadata.payment_id;
  // Other integrations on the same Stripe account may put anything in metadata.
  const metadataPaymentId = claimed && UUID.test(claimed) ? claimed : undefined;
  const found = await trx
    .selectFrom("payments")
    .select(["id"])
    .where((eb) =>
      metadataPaymentId
        ? eb.or([eb("gateway_ref", "=", intentId), eb("id", "=", metadataPaymentId)])
        : eb("gateway_ref", "=", intentId),
    )
    .executeTakeFirst();
  const retired =
    found || event.type !== "charge.refunded"
      ? undefined
      : await trx
          .selectFrom("refunds")
          .select(["payment_id as id"])
          .where("intent_ref", "=", intentId)
          .executeTakeFirst();
  if (retired && event.type === "charge.refunded") {
    // The refund of a capture that did not match its order (capture-rule.ts): outside the payment's books.
    await lockPayment(trx, retired.id);
    await refundsSucceeded(trx, retired.id, intentId, event.charge.refundIds);
    return;
  }
  if (!found) {
    ctx.log.info({ eventId: event.id, intentId }, "webhook for a payment we do not know; ignored");
    return;
  }
  if (event.type === "payment_intent.succeeded") {
    await applyIntent(trx, ctx.ledger, found.id, null, event.intent);
  } else if (event.type === "payment_intent.payment_failed") {
    // A failure cannot be tied to one attempt (Stripe's event does not carry our key), so it only
    // closes an attempt nobody else will settle: one waiting for 3-D Secure, or one of unknown outcome.
    const attempts = await attemptsOf(trx, found.id);
    const target = [...attempts]
      .reverse()
      .find((a) => a.status === "requires_action" || a.status === "unknown");
    if (target) await applyIntent(trx, ctx.ledger, found.id, target.id, event.intent);
  } else if (event.type === "charge.refunded") {
    const payment = await lockPayment(trx, found.id);
    if (!payment) return;
    if (payment.gateway_ref !== intentId) return;
    await refundsSucceeded(trx, payment.id, null, event.charge.refundIds);
    await raiseRefunded(trx, ctx.ledger, payment, event.charge.amountRefunded);
  }
}

/**
 * The gateway confirmed these refunds: our pending rows of them succeed. `intentRef` null means the
 * payment's own intent; a retired intent's refunds (capture-rule.ts) name theirs.
 */
async function refundsSucceeded(
  trx: Transaction<Database>,
  paymentId: string,
  intentRef: string | null,
  refundIds: readonly string[],
): Promise<void> {
  if (refundIds.length === 0) return;
  await trx
    .updateTable("refunds")
    .set({ status: "succeeded" })
    .where("payment_id", "=", paymentId)
    .where("intent_ref", intentRef === null ? "is" : "=", intentRef)
    .where("gateway_ref", "in", refundIds)
    .where("status", "=", "pending")
    .execute();
}
