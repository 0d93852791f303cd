// The one statement that writes a new order: the order row, its items, the first history row (with
// order-writes.ts's `historyRow`, so the first status follows the same rules as every later one) and the
// `order.placed` outbox event, as data-modifying CTEs whose foreign keys are checked at the statement's
// end. The order row is the idempotency guard: a concurrent twin blocks on its unique index, then fails.
// When nothing else is written after it (no counted stock, no promo), the first planned kitchen slot is
// claimed in the same statement: one round trip fewer, and the slot row is locked only from there to COMMIT.
import { randomUUID } from "node:crypto";
import type { Database, OrderStatus, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import { dealSavings, type PriceBreakdown } from "../pricing/pricing.ts";
import type { PromoRow } from "../promos/promo-rules.ts";
import { claimSlotQuery, claimsJson } from "./kitchen-capacity.ts";
import { itemRows, ORDER_COLUMNS, type OrderRow } from "./order-rows.ts";
import type { Plan, PlanningStore } from "./order-timing.ts";
import { historyRow } from "./order-writes.ts";
import type { TPlaceOrderRequest } from "./orders.schemas.ts";

/** Everything a new order is made of, decided before its transaction. */
export interface Placement {
  user: Pick<AuthUser, "id" | "role">;
  input: TPlaceOrderRequest;
  requestHash: string;
  store: PlanningStore;
  lines: ResolvedLine[];
  breakdown: PriceBreakdown;
  promo: PromoRow | null;
  /** The 4-digit handover code when the store asks for one (handover-code.ts), else null. */
  handoverCode: string | null;
  status: OrderStatus;
  now: Date;
  /** The slots to try, best first (a scheduled order has one). */
  plans: Plan[];
  /** From leaving the kitchen to the customer (0 for carryout). */
  travel: number;
  scheduledFor: Date | null;
  /** The order's oven load (pizzas, at least 1): what it takes of the kitchen's slots. */
  load: number;
  /** Claim `plans[0]` (one slot) in the insert statement (nothing else is written after the order). */
  claimFirstInStatement: boolean;
}

/**
 * Writes the order; answers its row and, when the first slot was claimed in the statement, that slot's
 * count after the claim (null: the slot was full, or not claimed here).
 */
export async function insertPlacedOrder(
  trx: Transaction<Database>,
  p: Placement,
): Promise<{ row: OrderRow; slotOrders: number | null }> {
  const orderId = randomUUID();
  const version = 1;
  const first = p.plans[0]!;
  const written = await trx
    .with("s", (db) =>
      p.claimFirstInStatement
        ? claimSlotQuery(db, p.store.id, first.slotStart, p.store.kitchenCapacity, first.claims[0]!.units)
        : db.selectNoFrom(sql<number>`null`.as("orders")),
    )
    .with("o", (db) => db.insertInto("orders").values(orderValues(p, orderId)).returning(ORDER_COLUMNS))
    .with("i", (db) => db.insertInto("order_items").values(itemRows(orderId, p.store.regionCode, p.lines)))
    .with("h", (db) =>
      db
        .insertInto("order_status_history")
        .values(
          historyRow(
            { id: orderId, region_code: p.store.regionCode },
            p.status,
            version,
            p.user,
            p.scheduledFor ? `scheduled for ${p.scheduledFor.toISOString()}` : null,
            p.now,
            null,
          ),
        ),
    )
    .with("x", (db) =>
      db
        .insertInto("outbox")
        .columns(["topic", "aggregate_id", "payload"])
        .expression((eb) =>
          eb
            .selectFrom("o")
            .select([
              sql<string>`'order.placed'`.as("topic"),
              sql<string>`o.id::text`.as("aggregate_id"),
              sql<string>`${JSON.stringify(placedPayload(p, orderId, version))}::jsonb || jsonb_build_object('orderNumber', o.order_number)`.as(
                "payload",
              ),
            ]),
        ),
    )
    .selectFrom("o")
    .select(ORDER_COLUMNS)
    .select((eb) => eb.selectFrom("s").select("orders").as("slot_orders"))
    .executeTakeFirstOrThrow();
  const { slot_orders: slotOrders, ...row } = written;
  return { row, slotOrders: slotOrders ?? null };
}

function orderValues(p: Placement, orderId: string) {
  const { input, breakdown: b } = p;
  const plan = p.plans[0]!;
  return {
    id: orderId,
    region_code: p.store.regionCode,
    store_id: p.store.id,
    customer_id: p.user.id,
    channel: input.channel,
    status: p.status,
    payment_method: input.paymentMethod,
    address: input.address ? JSON.stringify(input.address) : null,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    notes: input.notes ?? null,
    currency: b.currency,
    subtotal: b.subtotal,
    discount: b.discount,
    deal_discount: dealSavings(b),
    deals: JSON.stringify(b.deals),
    delivery_fee: b.deliveryFee,
    tax: b.tax,
    tax_included: b.taxIncluded,
    tax_lines: JSON.stringify(b.taxLines),
    tip: b.tip,
    total: b.total,
    promo_code_id: p.promo?.id ?? null,
    // The reward whose points the order's transaction spends (`redeem:<orderId>`), for its edits.
    reward_id: b.reward?.applied ? b.reward.id : null,
    reward_points: b.reward?.applied ? b.reward.points : null,
    idempotency_key: input.idempotencyKey,
    request_hash: p.requestHash,
    scheduled_for: p.scheduledFor,
    promised_at: new Date(plan.readyAt.getTime() + p.travel),
    ready_estimate_at: plan.readyAt,
    kitchen_claims: claimsJson(plan.claims),
    handover_code: p.handoverCode,
    updated_at: p.now,
  };
}

/** `order.placed` (the statement adds the order number the database gives it). */
function placedPayload(p: Placement, orderId: string, version: number) {
  const plan = p.plans[0]!;
  return {
    orderId,
    regionCode: p.store.regionCode,
    storeId: p.store.id,
    customerId: p.user.id,
    channel: p.input.channel,
    status: p.status,
    previousStatus: null,
    version,
    at: p.now.toISOString(),
    paymentMethod: p.input.paymentMethod,
    total: p.breakdown.total,
    currency: p.breakdown.currency,
    promisedAt: new Date(plan.readyAt.getTime() + p.travel).toISOString(),
    readyEstimateAt: plan.readyAt.toISOString(),
    scheduledFor: p.scheduledFor ? p.scheduledFor.toISOString() : null,
  };
}
