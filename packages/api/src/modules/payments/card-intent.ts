import { GatewayError, type GatewayIntent } from "./gateway/payment-gateway.ts";
import { isPayPalRef } from "./gateway/routed-gateway.ts";
import type { AttemptRow, PaymentRow } from "./payment-rows.ts";
import type { PaymentsContext } from "./payments-context.ts";

/**
 * The payment's one intent at the gateway: created once (its key is derived from the payment), its
 * amount kept equal to the order total. The amount is checked against the gateway itself (one read,
 * only on a retry after a decline), so a process that died between re-pricing and updating cannot
 * make us charge a stale amount. An attempt that saves a card or pays with a saved one puts the intent
 * on the caller's gateway customer (`customerId`). A buyer switching between card and PayPal gets a new
 * intent at the other gateway, the old one cancelled first so it can never be charged. Returns the
 * intent's id, stored on the payment.
 */
export async function ensureIntent(
  ctx: PaymentsContext,
  payment: PaymentRow,
  attempt: AttemptRow,
  customerId: string | null,
  wallet?: "paypal",
): Promise<string> {
  const { gateway, calls } = ctx;
  const ref = payment.gateway_ref;
  if (ref && isPayPalRef(ref) !== (wallet === "paypal")) {
    await calls.retrying("cancel", () => gateway.cancel(ref, `${attempt.idempotency_key}:switch`));
    const intent = await createIntent(ctx, payment, attempt, customerId, wallet, true);
    await storeRef(ctx, payment.id, intent.id, ref);
    return intent.id;
  }
  if (ref) {
    const current = await calls.retrying("retrieve", () => gateway.retrieve(ref));
    if (current.amount !== attempt.amount) {
      await calls.retrying("updateAmount", () =>
        gateway.updateAmount(ref, attempt.amount, `${attempt.idempotency_key}:amount`),
      );
    }
    if (customerId && current.customerId !== customerId) await setCustomer(ctx, ref, customerId, attempt);
    return ref;
  }
  const intent = await createIntent(ctx, payment, attempt, customerId, wallet);
  await ctx.faults.reached("after_intent_created");
  if (intent.amount !== attempt.amount) {
    await calls.retrying("updateAmount", () =>
      gateway.updateAmount(intent.id, attempt.amount, `${attempt.idempotency_key}:amount`),
    );
  }
  await storeRef(ctx, payment.id, intent.id, null);
  return intent.id;
}

/** The payment's intent is now `intentId`, if it still had `previous` (no other attempt got there first). */
async function storeRef(ctx: PaymentsContext, paymentId: string, intentId: string, previous: string | null) {
  await ctx.db
    .updateTable("payments")
    .set({ gateway_ref: intentId, updated_at: new Date() })
    .where("id", "=", paymentId)
    .where((eb) => (previous === null ? eb("gateway_ref", "is", null) : eb("gateway_ref", "=", previous)))
    .execute();
}

/** An earlier attempt created the intent without the customer this attempt pays as. */
async function setCustomer(ctx: PaymentsContext, intentId: string, customerId: string, attempt: AttemptRow) {
  const { gateway, calls } = ctx;
  const set = gateway.setIntentCustomer?.bind(gateway);
  if (!set) throw new GatewayError("invalid", "This payment gateway keeps no customers.", "no_customers");
  await calls.retrying("setIntentCustomer", () =>
    set(intentId, customerId, `${attempt.idempotency_key}:customer`),
  );
}

async function createIntent(
  ctx: PaymentsContext,
  payment: PaymentRow,
  attempt: AttemptRow,
  customerId: string | null,
  wallet: "paypal" | undefined,
  /** A switch of gateway: never the payment's first key, whose intent is at the other gateway. */
  fresh = false,
): Promise<GatewayIntent> {
  const { db, gateway, calls } = ctx;
  const create = (idempotencyKey: string) =>
    calls.retrying("createIntent", () =>
      gateway.createIntent({
        amount: attempt.amount,
        currency: payment.currency,
        idempotencyKey,
        metadata: { payment_id: payment.id, order_id: payment.order_id, region_code: payment.region_code },
        description: `Pizza order ${payment.order_id}`,
        ...(customerId ? { customerId } : {}),
        ...(wallet ? { wallet } : {}),
      }),
    );
  // After a capture was refunded or a challenge cancelled, the old intent is retired (gateway_ref
  // cleared): the next one must be a new intent, never a replay of the first creation.
  const retired = await db
    .selectFrom("payment_attempts")
    .select("id")
    .where("payment_id", "=", payment.id)
    .where("gateway_ref", "is not", null)
    .where("gateway_ref", "!=", "")
    .executeTakeFirst();
  try {
    return await create(
      retired || fresh ? `${payment.id}:intent:${attempt.attempt_no}` : `${payment.id}:intent`,
    );
  } catch (error) {
    // An earlier creation's answer was lost and the total changed since, so the key's parameters differ.
    // That intent was never confirmed (we never learnt its id), so a fresh one is safe.
    if (!(error instanceof GatewayError && error.code === "idempotency_error")) throw error;
    return create(`${payment.id}:intent:${attempt.attempt_no}`);
  }
}
