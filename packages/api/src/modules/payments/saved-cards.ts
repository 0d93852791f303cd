import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { SavedCard } from "./gateway/payment-gateway.ts";
import { customerOf } from "./payment-customer.ts";
import type { PaymentsContext } from "./payments-context.ts";

/**
 * payment.savedCards and payment.removeSavedCard: the caller's own cards kept at the gateway (saved on a
 * payment with `saveCard`). Someone else's card, or one that is gone, answers "not found" alike.
 */

export const SAVED_CARD_NOT_FOUND = msg("payment.savedCardNotFound");

/** The caller's saved cards; none without a gateway customer (or with the simulation, which keeps none). */
export async function savedCards(ctx: PaymentsContext, caller: AuthUser): Promise<SavedCard[]> {
  const customerId = await customerOf(ctx, caller.id);
  const list = ctx.gateway.listSavedCards?.bind(ctx.gateway);
  if (!customerId || !list) return [];
  return ctx.calls.retrying("listSavedCards", () => list(customerId));
}

/** One of the caller's saved cards with its customer, or NOT_FOUND. */
export async function ownSavedCard(
  ctx: PaymentsContext,
  caller: AuthUser,
  cardId: string,
): Promise<{ card: SavedCard; customerId: string }> {
  const customerId = await customerOf(ctx, caller.id);
  const list = ctx.gateway.listSavedCards?.bind(ctx.gateway);
  if (!customerId || !list) throw notFound(SAVED_CARD_NOT_FOUND);
  const card = (await ctx.calls.retrying("listSavedCards", () => list(customerId))).find(
    (c) => c.id === cardId,
  );
  if (!card) throw notFound(SAVED_CARD_NOT_FOUND);
  return { card, customerId };
}

/** Detaches one of the caller's saved cards at the gateway: it can never pay again. Answers the cards left. */
export async function removeSavedCard(
  ctx: PaymentsContext,
  caller: AuthUser,
  cardId: string,
): Promise<SavedCard[]> {
  await ownSavedCard(ctx, caller, cardId);
  const detach = ctx.gateway.detachSavedCard?.bind(ctx.gateway);
  if (!detach) throw notFound(SAVED_CARD_NOT_FOUND);
  await ctx.calls.retrying("detachSavedCard", () => detach(cardId));
  return savedCards(ctx, caller);
}
