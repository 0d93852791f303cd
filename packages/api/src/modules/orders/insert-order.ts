// The one statement that writes a new order: the order row, its items, the first history row (with
// order-writes.ts's `historyRow`, so the first status follows the same rules as every later one) and the
// `order.placed` outbox event, as data-modifying CTEs whose foreign keys are checked at the statement's
// end. The order row is the idempotency guard: a concurrent twin blocks on its unique index, then fails.
// When nothing else is written after it (no counted stock, no promo), the first planned kitchen slot is
// claimed in the same statement: one round trip fewer, and the slot row is locked only from there to COMMIT.
// A cash order with nothing else to write runs the statement alone, without BEGIN and COMMIT: its order
// row is then inserted only if the slot was claimed (items, history and event insert from the order's
// row), so a slot that filled meanwhile writes nothing and the transaction takes over.
import { randomUUID } from "node:crypto";
import type { Database, Kysely, OrderStatus } from "@pizza/db";
import { sql } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import { dealSavings, type PriceBreakdown } from "../pricing/pricing.ts";
import type { PromoRow } from "../promos/promo-rules.ts";
import { claimSlotQuery, claimsJson } from "./kitchen-capacity.ts";
import { ITEM_LINE_COLUMNS, itemRows, ORDER_COLUMNS, type OrderRow } from "./order-rows.ts";
import type { Plan, PlanningStore } from "./order-timing.ts";
import { historyFrom, historyRow } from "./order-writes.ts";
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
 * count after the claim (null: the slot was full, or not claimed here). `alone`: the statement runs by
 * itself, outside a transaction (nothing else is written for the order), so the order is inserted only
 * if its slot was claimed — a full slot writes nothing and answers undefined.
 */
export async function insertPlacedOrder(
  db: Kysely<Database>,
  p: Placement,
  opts: { alone?: boolean } = {},
): Promise<{ row: OrderRow; slotOrders: number | null } | undefined> {
  const orderId = randomUUID();
  const version = 1;
  const first = p.plans[0]!;
  const values = orderValues(p, orderId);
  const columns = Object.keys(values) as (keyof typeof values)[];
  const written = await db
    .with("s", (db) =>
      p.claimFirstInStatement
        ? claimSlotQuery(db, p.store.id, first.slotStart, p.store.kitchenCapacity, first.claims[0]!.units)
        : db.selectNoFrom(sql<number>`null`.as("orders")),
    )
    .with("o", (db) =>
      opts.alone
        ? db
            .insertInto("orders")
            .columns(columns)
            .expression(
              sql`select ${sql.join(columns.map((c) => sql.val(values[c])))} where exists (select 1 from s)`,
            )
            .returning(ORDER_COLUMNS)
        : db.insertInto("orders").values(values).returning(ORDER_COLUMNS),
    )
    .with("i", (db) =>
      db
        .insertInto("order_items")
        .columns(ITEM_COLUMNS)
        .expression(
          sql`select ${sql.join(ITEM_COLUMNS.map((c) => sql.ref(`r.${c}`)))} from o cross join json_populate_recordset(null::order_items, ${itemsJson(orderId, p)}::json) as r`,
        ),
    )
    .with("h", (db) =>
      historyFrom(
        db,
        "o",
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
    .executeTakeFirst();
  if (!written) {
    if (opts.alone) return undefined;
    throw new Error("the order's insert returned no row");
  }
  const { slot_orders: slotOrders, ...row } = written;
  return { row, slotOrders: slotOrders ?? null };
}

const ITEM_COLUMNS = ["order_id", "region_code", ...ITEM_LINE_COLUMNS] as const;

/** The order's lines as one JSON array (their configuration as JSON, not as a string of it). */
function itemsJson(orderId: string, p: Placement): string {
  return JSON.stringify(
    itemRows(orderId, p.store.regionCode, p.lines).map((r, i) => ({ ...r, config: p.lines[i]!.config })),
  );
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
