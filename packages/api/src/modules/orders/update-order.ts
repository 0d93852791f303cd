// `order.updateOrder` (and `payment.applyPromoCode` through it): changes an order's lines, promo, tip or
// notes while it is still editable. The order is re-priced on the server, its counted stock and promo
// are taken again in the lock order of README.md, the change goes through the one write path
// (order-writes.ts: a new version, a history note, `order.updated`) and the payments hooks say what the
// change did to money already taken.
import type { Database, Transaction } from "@pizza/db";
import { forbidden } from "../../errors.ts";
import { type Message, msg } from "../../i18n/message.ts";
import { withDbRetry } from "../../infra/db-retry.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { returnRedeemedPoints } from "../loyalty/return-points.ts";
import { type ResolvedLine, resolveCart, totalNeeds } from "../menu/builder-rules.ts";
import { menuLocale } from "../menu/menu.service.ts";
import type { Menu } from "../menu/menu.types.ts";
import { dealSavings, promoPart } from "../pricing/pricing.ts";
import { codeAfterEdit } from "./handover-code.ts";
import type { OrdersContext } from "./order-context.ts";
import { editNoteFor } from "./order-edit-rights.ts";
import type { PaymentAdjustment } from "./order-hooks.ts";
import { assertDeliveryMinimum, type PricedOrder, priceOrder } from "./order-pricing.ts";
import { itemRows, type OrderEventPayload, type OrderRow, type OrderView } from "./order-rows.ts";
import { EDIT_NOTE_PREFIX } from "./order-state.ts";
import { lockStockInOrder, releaseStock, reserveStock } from "./order-stock.ts";
import { checkChange, writeOrderChange } from "./order-writes.ts";
import type { TUpdateOrderRequest } from "./orders.schemas.ts";

type Trx = Transaction<Database>;

export type UpdatedOrder = OrderView & {
  promoNote: string | null;
  /** `promoNote` as a catalog message (the procedure says it in the caller's language). */
  promoNoteMessage?: Message | undefined;
  /** Why the order's loyalty reward was dropped (its points returned), when the new cart lost it. */
  rewardNote: string | null;
  rewardNoteMessage?: Message | undefined;
  payment: PaymentAdjustment;
};

/** Changes an order's lines, promo or tip; run again after a deadlock / serialization failure. */
export function updateOrder(
  ctx: OrdersContext,
  user: AuthUser,
  input: TUpdateOrderRequest,
): Promise<UpdatedOrder> {
  return withDbRetry(() => updateOnce(ctx, user, input));
}

async function updateOnce(
  ctx: OrdersContext,
  user: AuthUser,
  input: TUpdateOrderRequest,
): Promise<UpdatedOrder> {
  const before = await ctx.queries.row(input.orderId);
  await ctx.queries.assertCanSee(user, before);
  if (user.role === "driver") throw forbidden("A driver cannot change an order.");
  const editedFor = await editNoteFor(ctx.db, user, input.reason);
  const menu = await ctx.menus.menu(before.store_id, menuLocale(input.locale, undefined));
  const lines = resolveCart(menu, input.items);
  let promoNote: Message | null = null;
  let rewardNote: Message | null = null;
  let stockChanged = false;
  const payment: PaymentAdjustment = { refunded: 0 };

  const order = await ctx.db.transaction().execute(async (trx) => {
    const o = await ctx.queries.row(input.orderId, trx, true);
    // Checked before any work; writeOrderChange checks the same again when it writes.
    checkChange(o, { kind: "edit" }, { id: user.id, role: user.role }, input.expectedVersion);
    const taken = await retakeStockAndPromo(ctx, trx, o, { input, menu, lines });
    promoNote = taken.priced.promoNote;
    stockChanged = taken.stockChanged;
    const { breakdown, promo } = taken.priced;
    rewardNote = await dropLostReward(trx, o, breakdown);
    await trx.deleteFrom("order_items").where("order_id", "=", o.id).execute();
    await trx
      .insertInto("order_items")
      .values(itemRows(o.id, o.region_code, lines))
      .execute();
    const note = `${EDIT_NOTE_PREFIX} total ${o.total} → ${breakdown.total} ${breakdown.currency}${promoNote ? `; promo dropped: ${promoNote.text}` : ""}${rewardNote ? `; ${rewardNote.text}` : ""}${editedFor ? `; ${editedFor}` : ""}`;
    const { row: updated, payload } = await writeOrderChange(
      trx,
      o,
      {
        kind: "edit",
        note,
        set: {
          subtotal: breakdown.subtotal,
          discount: breakdown.discount,
          deal_discount: dealSavings(breakdown),
          deals: JSON.stringify(breakdown.deals),
          delivery_fee: breakdown.deliveryFee,
          tax: breakdown.tax,
          tax_lines: JSON.stringify(breakdown.taxLines),
          tip: breakdown.tip,
          total: breakdown.total,
          promo_code_id: promo?.id ?? null,
          ...(rewardNote ? { reward_id: null, reward_points: null } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
        },
      },
      { actor: { id: user.id, role: user.role }, at: ctx.now() },
    );
    payment.refunded += await runUpdateHooks(ctx, trx, payload, o.total, updated.total, breakdown.currency);
    await codeAfterEdit(
      trx,
      updated,
      lines.map((l) => l.itemId),
    );
    return updated;
  });
  if (stockChanged) await ctx.menus.invalidateStore(order.store_id);
  const view = await ctx.queries.view(order);
  // Assigned inside the transaction's callback, which TypeScript does not follow.
  const note = promoNote as Message | null;
  const dropped = rewardNote as Message | null;
  return {
    ...view,
    promoNote: note?.text ?? null,
    promoNoteMessage: note ?? undefined,
    rewardNote: dropped?.text ?? null,
    rewardNoteMessage: dropped ?? undefined,
    payment,
  };
}

/**
 * The lock order (README): the order row (held), counted stock (what it holds and what it needs, sorted),
 * promo. The held promo and stock are given back and taken again for the new cart, priced in between.
 */
async function retakeStockAndPromo(
  ctx: OrdersContext,
  trx: Trx,
  o: OrderRow,
  change: { input: TUpdateOrderRequest; menu: Menu; lines: ResolvedLine[] },
): Promise<{ priced: PricedOrder; stockChanged: boolean }> {
  const { input, menu, lines } = change;
  const needs = totalNeeds(lines);
  const currentCode = await promoCodeOf(ctx, trx, o);
  const code = input.promoCode === undefined ? currentCode : (input.promoCode ?? undefined);
  await lockStockInOrder(trx, o, needs);
  await ctx.promos.release(trx, o.id, { forget: true });
  let stockChanged = await releaseStock(trx, o.id, { forget: true });
  const priced = await priceOrder(
    ctx,
    {
      customerId: o.customer_id,
      menu,
      lines,
      channel: o.channel,
      tip: input.tip ?? o.tip,
      promoCode: code,
      // The reward the order holds, priced as at placement; its points were spent then and are not again.
      heldReward: o.reward_id && o.reward_points ? { id: o.reward_id, points: o.reward_points } : undefined,
      excludeOrderId: o.id,
      // A code the customer just typed must apply; the order's existing code is dropped with a note.
      strictPromo: input.promoCode !== undefined && input.promoCode !== null,
    },
    trx,
  );
  assertDeliveryMinimum(menu, o.channel, priced.breakdown.subtotal);
  if (await reserveStock(trx, o, needs)) stockChanged = true;
  if (priced.promo) {
    await ctx.promos.redeem(trx, {
      promo: priced.promo,
      orderId: o.id,
      regionCode: o.region_code,
      customerId: o.customer_id,
      discount: promoPart(priced.breakdown),
    });
  }
  return { priced, stockChanged };
}

/**
 * A reward the edited cart no longer qualifies for (its free item was taken out) is dropped and its points
 * go back to the customer at once (the `return:<orderId>` credit a cancellation would write, so a later
 * cancel returns nothing more). Answers the note saying so, or null when the reward still applies.
 */
async function dropLostReward(
  trx: Trx,
  o: OrderRow,
  breakdown: PricedOrder["breakdown"],
): Promise<Message | null> {
  if (!o.reward_id || !breakdown.reward || breakdown.reward.applied) return null;
  const points = await returnRedeemedPoints(trx, o.id, "reward dropped when the order was changed");
  return msg("loyalty.rewardDropped", { reward: breakdown.reward.name, points });
}

/** The code of the order's current promo, which an update keeps (and checks again) unless it names another. */
async function promoCodeOf(ctx: OrdersContext, trx: Trx, o: OrderRow): Promise<string | undefined> {
  return o.promo_code_id ? ctx.promos.codeOf(trx, o.promo_code_id) : undefined;
}

/** The payments hooks (inside the transaction); answers the total refunded to the card. */
async function runUpdateHooks(
  ctx: OrdersContext,
  trx: Trx,
  order: OrderEventPayload,
  previousTotal: number,
  total: number,
  currency: string,
): Promise<number> {
  let refunded = 0;
  for (const hook of ctx.onUpdated) {
    const adjusted = await hook({ trx, order, previousTotal, total, currency });
    if (adjusted) refunded += adjusted.refunded;
  }
  return refunded;
}
