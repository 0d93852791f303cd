import { badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { hasFullAccount } from "../auth/account-kind.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { PaymentsContext } from "./payments-context.ts";

/**
 * A customer's account at the gateway (a Stripe Customer, `payment_customers`, migration 0020): made the
 * first time they save a card, then reused. Cards stay at the gateway; we keep only the customer's id.
 * The simulation keeps no customers, so saved cards need Stripe.
 */

export const SAVED_CARDS_NEED_STRIPE = msg("payment.savedCardsNeedStripe");

/** The caller's gateway customer id, or null when they never saved a card with this gateway. */
export async function customerOf(ctx: PaymentsContext, userId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom("payment_customers")
    .select("gateway_customer_id")
    .where("user_id", "=", userId)
    .where("gateway", "=", ctx.gateway.name)
    .executeTakeFirst();
  return row?.gateway_customer_id ?? null;
}

/** The caller's gateway customer, created once (concurrent first saves agree through the idempotency key). */
export async function ensureCustomer(ctx: PaymentsContext, caller: AuthUser): Promise<string> {
  const { gateway } = ctx;
  const createCustomer = gateway.createCustomer?.bind(gateway);
  if (!createCustomer) throw badRequest(SAVED_CARDS_NEED_STRIPE, { reason: "saved_cards_unavailable" });
  const known = await customerOf(ctx, caller.id);
  if (known) return known;
  if (!(await hasFullAccount(ctx.db, caller.id))) {
    throw badRequest(msg("payment.savedCardNeedsAccount"), {
      reason: "guest_cannot_save_card",
    });
  }
  const created = await ctx.calls.retrying("createCustomer", () =>
    createCustomer({ userId: caller.id, idempotencyKey: `customer:${caller.id}` }),
  );
  await ctx.db
    .insertInto("payment_customers")
    .values({ user_id: caller.id, gateway: gateway.name, gateway_customer_id: created.id })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  return (await customerOf(ctx, caller.id)) ?? created.id;
}
