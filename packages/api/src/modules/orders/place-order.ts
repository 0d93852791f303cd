// `order.placeOrder`: a customer places an order. In named steps: the store and its menu (with a replay
// of the same idempotency key), the store takes orders, the price (server prices, the total the client
// showed must match), the timing (ASAP or scheduled), then one transaction: the unpaid-orders limit,
// the order's statement (insert-order.ts), counted stock, the promo redemption, the loyalty reward's points
// and the kitchen slot, in the lock order of README.md. Card orders start in pending_payment, cash orders are placed at once.
// A cash order with nothing to write but its statement (which claims its one slot) runs it alone.
import type { Database, Transaction } from "@pizza/db";
import { preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import { withDbRetry } from "../../infra/db-retry.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { redeemPoints } from "../loyalty/redeem-points.ts";
import { type ResolvedLine, resolveCart, type StockNeed, totalNeeds } from "../menu/builder-rules.ts";
import { menuLocale } from "../menu/menu.service.ts";
import type { Menu } from "../menu/menu.types.ts";
import { promoPart } from "../pricing/pricing.ts";
import { distanceKm } from "../stores/stores.service.ts";
import { handoverCodeFrom } from "./handover-code.ts";
import { insertPlacedOrder, type Placement } from "./insert-order.ts";
import { claimsJson, HANDOFF_MS, KITCHEN_LEAD_MS, ovenLoad, planAsap, travelMs } from "./kitchen-capacity.ts";
import type { OrdersContext } from "./order-context.ts";
import { assertUnpaidRoom } from "./order-limits.ts";
import { assertDeliveryMinimum, type PricedOrder, priceNewCart } from "./order-pricing.ts";
import { ORDER_COLUMNS, type OrderRow, type OrderView, viewOf } from "./order-rows.ts";
import { reserveStock } from "./order-stock.ts";
import { storeIdFor } from "./order-store.ts";
import { asapPlans, claimPlanned, type PlanningStore, scheduledPlan, storeOfMenu } from "./order-timing.ts";
import { firstStatus } from "./order-writes.ts";
import type { TPlaceOrderRequest } from "./orders.schemas.ts";
import { placementReads } from "./placement-reads.ts";
import { placeRequestHash, type ReplayRow, sameRequest } from "./request-fingerprint.ts";

export type PlacedOrder = OrderView & { replayed: boolean };

/** Places an order; a transaction that lost a deadlock / serialization race is run again (db-retry.ts). */
export function placeOrder(
  ctx: OrdersContext,
  user: AuthUser,
  input: TPlaceOrderRequest,
): Promise<PlacedOrder> {
  return withDbRetry(() => placeOnce(ctx, user, input));
}

async function placeOnce(
  ctx: OrdersContext,
  user: AuthUser,
  input: TPlaceOrderRequest,
): Promise<PlacedOrder> {
  const now = ctx.now();
  const earliest = new Date(now.getTime() + KITCHEN_LEAD_MS);
  const requestHash = placeRequestHash(input);
  const { reads, menu } = await readStoreAndMenu(ctx, user, input, earliest);
  const replayed = reads.priorId ? await replayKey(ctx, user, input, requestHash) : undefined;
  if (replayed) return replayed;
  const store = storeOfMenu(menu, now);
  assertTakesOrders(store, input.channel);
  const lines = resolveCart(menu, input.items);
  const { breakdown, promo } = await priceForPlacement(ctx, user, input, menu, lines);
  const handoverCode = handoverCodeFrom(reads, {
    paymentMethod: input.paymentMethod,
    total: breakdown.total,
  });
  const load = ovenLoad(lines);
  const asapCounts = reads.slotCounts;
  const timing = await planTiming(ctx, store, menu, input, { now, earliest, asapCounts, load });
  const needs = totalNeeds(lines);
  const checkStock = countsStock(menu, needs);
  const placement: Placement = {
    user,
    input,
    requestHash,
    store,
    lines,
    breakdown,
    promo,
    handoverCode,
    status: firstStatus(input.paymentMethod),
    now,
    ...timing,
    load,
    // One statement claims one slot: a load spread over several is claimed after the insert.
    claimFirstInStatement: !checkStock && !promo && !breakdown.reward && timing.plans[0]!.claims.length === 1,
  };
  try {
    // Nothing but the order's statement to write (cash, one slot claimed in it): no transaction.
    const alone = writesAlone(placement)
      ? await insertPlacedOrder(ctx.db, placement, { alone: true })
      : undefined;
    if (alone) return { ...answerOf(alone.row, lines, promo), replayed: false };
    // Its slot filled meanwhile (it wrote nothing): the transaction claims the next one.
    const inTrx = writesAlone(placement) ? { ...placement, claimFirstInStatement: false } : placement;
    let hitZero = false;
    const order = await ctx.db.transaction().execute(async (trx) => {
      const written = await writePlacement(ctx, trx, inTrx, checkStock ? needs : null, earliest);
      hitZero = written.hitZero;
      return written.order;
    });
    if (hitZero) await ctx.menus.invalidateStore(store.id);
    return { ...answerOf(order, lines, promo), replayed: false };
  } catch (error) {
    if (isUniqueViolation(error, "idempotency_key")) {
      const twin = await replayKey(ctx, user, input, requestHash);
      if (twin) return twin;
    }
    throw error;
  }
}

/** A placed (cash) order whose one slot its statement claims writes nothing else: the statement alone. */
const writesAlone = (p: Placement): boolean => p.claimFirstInStatement && p.status !== "pending_payment";

/**
 * Independent reads in parallel: the store's cached menu (which carries the store's state and is
 * invalidated by every store control) and, in one statement (placement-reads.ts), a replay of the same
 * key, the kitchen's upcoming slots for ASAP, and what decides the handover code.
 */
async function readStoreAndMenu(
  ctx: OrdersContext,
  user: AuthUser,
  input: TPlaceOrderRequest,
  earliest: Date,
) {
  const storeId = await storeIdFor(ctx, input);
  const [reads, menu] = await Promise.all([
    placementReads(ctx.db, {
      customerId: user.id,
      idempotencyKey: input.idempotencyKey,
      storeId,
      itemIds: input.items.map((i) => i.itemId),
      ...(input.scheduledFor ? {} : { slots: { earliest, count: 48 } }),
    }),
    ctx.menus.menu(storeId, menuLocale(input.locale, undefined)),
  ]);
  return { reads, menu };
}

/** The order this key placed, answered again (undefined when there is none). */
async function replayKey(
  ctx: OrdersContext,
  user: AuthUser,
  input: TPlaceOrderRequest,
  requestHash: string,
): Promise<PlacedOrder | undefined> {
  const prior = await existing(ctx, user.id, input.idempotencyKey);
  return prior ? replay(ctx, prior, requestHash) : undefined;
}

/** The order an idempotency key already placed, with the fingerprint of the request that placed it. */
async function existing(ctx: OrdersContext, customerId: string, key: string): Promise<ReplayRow | undefined> {
  return ctx.db
    .selectFrom("orders")
    .select(ORDER_COLUMNS)
    .select("request_hash")
    .where("customer_id", "=", customerId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

async function replay(ctx: OrdersContext, prior: ReplayRow, requestHash: string): Promise<PlacedOrder> {
  return { ...(await ctx.queries.view(sameRequest(prior, requestHash))), replayed: true };
}

function assertTakesOrders(store: PlanningStore, channel: "delivery" | "carryout"): void {
  if (!store.acceptingOrders)
    throw preconditionFailed(msg("order.notAccepting", { store: store.name }), { reason: "not_accepting" });
  if (channel === "delivery" && store.deliveryPaused) {
    throw preconditionFailed(msg("order.deliveryPaused", { store: store.name }), {
      reason: "delivery_paused",
    });
  }
}

/** The server's price; a promo code must apply, and a total the client showed must be this one. */
async function priceForPlacement(
  ctx: OrdersContext,
  user: AuthUser,
  input: TPlaceOrderRequest,
  menu: Menu,
  lines: ResolvedLine[],
): Promise<PricedOrder> {
  const priced = await priceNewCart(ctx, user.id, input, menu, lines, true);
  const { breakdown } = priced;
  assertDeliveryMinimum(menu, input.channel, breakdown.subtotal);
  if (input.expectedTotal !== undefined && input.expectedTotal !== breakdown.total) {
    throw preconditionFailed(msg("order.priceChanged"), {
      reason: "total_mismatch",
      total: breakdown.total,
      currency: breakdown.currency,
    });
  }
  return priced;
}

/** When the order leaves the kitchen (the slots to try) and how long it then travels. */
async function planTiming(
  ctx: OrdersContext,
  store: PlanningStore,
  menu: Menu,
  input: TPlaceOrderRequest,
  at: { now: Date; earliest: Date; asapCounts: Map<number, number> | undefined; load: number },
): Promise<Pick<Placement, "plans" | "travel" | "scheduledFor">> {
  const travel =
    input.channel === "delivery" && input.location
      ? HANDOFF_MS + travelMs(distanceKm(store, input.location), menu.region.driverSpeedKmh)
      : 0;
  const scheduledFor = input.scheduledFor ? new Date(input.scheduledFor) : null;
  const plans = scheduledFor
    ? await scheduledPlan(ctx, store, scheduledFor, travel, at.now, at.load)
    : asapPlans(store, at.earliest, at.asapCounts ?? new Map(), at.load);
  return { plans, travel, scheduledFor };
}

/**
 * Counted stock is only touched when the menu says something in the cart is counted (the menu is
 * invalidated whenever that changes); a stale menu without `countedStock` checks everything.
 */
function countsStock(menu: Menu, needs: StockNeed[]): boolean {
  const counted = new Set(menu.countedStock ?? []);
  return menu.countedStock === undefined || needs.some((n) => counted.has(`${n.entity}|${n.id}`));
}

/**
 * The order's transaction: the unpaid-orders limit (card only, before any write), the order's
 * statement, then counted stock, the promo and, last, the kitchen slot (the row hot on a busy night
 * is locked for the shortest time). Answers the order and whether a stock count hit zero.
 */
async function writePlacement(
  ctx: OrdersContext,
  trx: Transaction<Database>,
  p: Placement,
  stockNeeds: StockNeed[] | null,
  earliest: Date,
): Promise<{ order: OrderRow; hitZero: boolean }> {
  if (p.status === "pending_payment")
    await assertUnpaidRoom(trx, p.user.id, p.input.idempotencyKey, ctx.maxUnpaidOrders);
  const { row, slotOrders } = (await insertPlacedOrder(trx, p))!;
  if (p.claimFirstInStatement && slotOrders !== null) return { order: row, hitZero: false };
  const hitZero = stockNeeds ? await reserveStock(trx, row, stockNeeds) : false;
  if (p.promo) {
    await ctx.promos.redeem(trx, {
      promo: p.promo,
      orderId: row.id,
      regionCode: row.region_code,
      customerId: p.user.id,
      discount: promoPart(p.breakdown),
    });
  }
  await spendRewardPoints(trx, p, row);
  return { order: await claimKitchenSlot(trx, p, row, earliest), hitZero };
}

/**
 * The reward's points leave the ledger in the order's transaction (`redeem:<orderId>`, under the customer's
 * points lock): an order that fails spends nothing, and of two orders racing for the same points the
 * second finds too few, is refused with a 412 and rolled back whole.
 */
async function spendRewardPoints(trx: Transaction<Database>, p: Placement, row: OrderRow): Promise<void> {
  const reward = p.breakdown.reward;
  if (!reward?.applied) return;
  await redeemPoints(trx, {
    userId: p.user.id,
    points: reward.points,
    key: row.id,
    reason: reward.name,
    orderId: row.id,
    regionCode: row.region_code,
  });
}

/** Claims a slot for the order; a later one than planned moves its ready estimate and promise. */
async function claimKitchenSlot(
  trx: Transaction<Database>,
  p: Placement,
  row: OrderRow,
  earliest: Date,
): Promise<OrderRow> {
  const { store } = p;
  const claimed = await claimPlanned(trx, store, p.plans, {
    scheduled: p.scheduledFor !== null,
    // The order's statement already found the first plan's slot full.
    firstTried: p.claimFirstInStatement,
    // When a burst filled every planned slot meanwhile, the following ones (within hours).
    more: (tried) =>
      planAsap({
        earliest,
        capacity: store.kitchenCapacity,
        counts: new Map(),
        hours: store.hours,
        timezone: store.timezone,
        overrides: store.hourOverrides,
        skip: tried,
        limit: 48,
        load: p.load,
      }),
  });
  if (claimed === p.plans[0]) return row;
  return trx
    .updateTable("orders")
    .set({
      ready_estimate_at: claimed.readyAt,
      promised_at: new Date(claimed.readyAt.getTime() + p.travel),
      kitchen_claims: claimsJson(claimed.claims),
    })
    .where("id", "=", row.id)
    .where("region_code", "=", row.region_code)
    .returning(ORDER_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Answered from what was just written: no read-back. */
function answerOf(order: OrderRow, lines: ResolvedLine[], promo: PricedOrder["promo"]): OrderView {
  const items = lines.map((l, i) => ({
    lineNo: i + 1,
    itemId: l.itemId,
    kind: l.kind,
    variant: l.variant,
    quantity: l.quantity,
    name: l.name,
    config: l.config,
    unitPrice: l.unitPrice,
    lineTotal: l.unitPrice * l.quantity,
  }));
  return viewOf(order, items, promo?.code ?? null);
}
