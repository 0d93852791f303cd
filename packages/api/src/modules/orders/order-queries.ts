// The read side of orders: who may see an order, its view, tracking, history, reorder.

import type { Database, Kysely, OrderStatus } from "@pizza/db";
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { deliveryLookup } from "../delivery/delivery-lookup.ts";
import { type ResolvedLine, resolveLine } from "../menu/builder-rules.ts";
import type { TCartLine } from "../menu/menu.schemas.ts";
import { type MenuService, menuLocale } from "../menu/menu.service.ts";
import { dealsOnOffer } from "../menu/menu-deals.ts";
import { priceCart } from "../pricing/pricing.ts";
import { promoCodeOf } from "../promos/promo-code-of.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import { handoverCodeOf } from "./handover-code.ts";
import {
  cancelReasonOf,
  cartLineOf,
  eventPayload,
  ITEM_LINE_COLUMNS,
  iso,
  ORDER_COLUMNS,
  type OrderEventPayload,
  type OrderRow,
  type OrderView,
  viewOf,
} from "./order-rows.ts";
import { KITCHEN_STAGES, TERMINAL } from "./order-state.ts";

export class OrderQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly menus: MenuService,
    /** The live ETA source dispatch may register (OrdersService.etaProvider). */
    private readonly eta: () => ((orderId: string) => Promise<Date | undefined>) | undefined,
    /** Order history pages read here (infra/read-replica.ts: the standby or `db`). */
    private readonly lagTolerantDb: Kysely<Database> = db,
  ) {}

  async row(id: string, db: Kysely<Database> = this.db, forUpdate = false): Promise<OrderRow> {
    let q = db.selectFrom("orders").select(ORDER_COLUMNS).where("id", "=", id);
    if (forUpdate) q = q.forNoKeyUpdate();
    const o = await q.executeTakeFirst();
    if (!o) throw notFound(msg("order.notFound"));
    return o;
  }

  /** Customers see their own orders, staff their store's, drivers the ones they deliver, admins all. */
  async assertCanSee(user: AuthUser, o: OrderRow, db: Kysely<Database> = this.db): Promise<void> {
    if (user.role === "customer" && o.customer_id === user.id) return;
    // Admins any store's, staff their own store's (auth/store-access.ts).
    if (actsForStore(user, o.store_id)) return;
    if (user.role === "driver") {
      if ((await deliveryLookup(db).driverOf(o.id)) === user.id) return;
    }
    // Not "forbidden": whether someone else's order exists is none of the caller's business.
    throw notFound(msg("order.notFound"));
  }

  view(o: OrderRow, db: Kysely<Database> = this.db): Promise<OrderView> {
    return orderView(db, o);
  }

  async get(user: AuthUser, orderId: string): Promise<OrderView> {
    const o = await this.row(orderId);
    await this.assertCanSee(user, o);
    return this.view(o);
  }

  /** The event payload of an order as it is now (for other modules: payments, dispatch). */
  async eventOf(
    orderId: string,
    db: Kysely<Database> = this.db,
  ): Promise<OrderEventPayload & { total: number; currency: string }> {
    const o = await this.row(orderId, db);
    return {
      ...eventPayload(o, o.status, null, o.version, o.updated_at),
      total: o.total,
      currency: o.currency.trim(),
    };
  }

  async track(user: AuthUser, orderId: string) {
    const o = await this.row(orderId);
    await this.assertCanSee(user, o);
    // The handover code is the customer's to tell: staff and the driver never get it here.
    return this.trackOf(o, user.role === "customer" && o.customer_id === user.id);
  }

  /**
   * An order's tracking view, for whoever was allowed to see it (its owner, staff, a tracking link);
   * `withCode`: the order's customer (or their tracking link) also gets the handover code while it is due.
   */
  async trackOf(o: OrderRow, withCode = false) {
    const [history, store, handoverCode] = await Promise.all([
      this.db
        .selectFrom("order_status_history")
        .select(["from_status", "to_status", "version", "at", "note"])
        .where("order_id", "=", o.id)
        .orderBy("id")
        .execute(),
      storeForReceipt(this.db, o.store_id),
      withCode && !TERMINAL.includes(o.status) ? handoverCodeOf(this.db, o.id) : null,
    ]);
    const reached = new Map<OrderStatus, string>();
    for (const h of history)
      if (h.from_status !== h.to_status && !reached.has(h.to_status)) reached.set(h.to_status, iso(h.at)!);
    const path: OrderStatus[] = [
      ...(reached.has("pending_payment") ? (["pending_payment"] as OrderStatus[]) : []),
      ...KITCHEN_STAGES,
      ...(o.channel === "delivery"
        ? (["out_for_delivery", "delivered"] as OrderStatus[])
        : (["picked_up"] as OrderStatus[])),
    ];
    if (o.status === "cancelled") path.push("cancelled");
    const timeline = path.map((status) => ({
      status,
      at: reached.get(status) ?? null,
      reached: reached.has(status),
    }));
    const done = o.status === "delivered" || o.status === "picked_up";
    const provider = this.eta();
    const live = !done && o.status !== "cancelled" && provider ? await provider(o.id) : undefined;
    const eta = done
      ? (reached.get(o.status) ?? iso(o.updated_at))
      : o.status === "cancelled"
        ? null
        : iso(live ?? o.promised_at);
    return {
      orderId: o.id,
      orderNumber: o.order_number,
      storeId: o.store_id,
      channel: o.channel,
      status: o.status,
      version: o.version,
      timeline,
      eta,
      etaKind: o.channel === "delivery" ? ("delivery" as const) : ("pickup" as const),
      readyEstimateAt: iso(o.ready_estimate_at),
      promisedAt: iso(o.promised_at),
      scheduledFor: iso(o.scheduled_for),
      ...cancelReasonOf(o),
      // What the tracker's price breakdown needs besides the order's amounts.
      currencyDigits: store?.currencyDigits ?? 2,
      handoverCode,
      changes: history
        .filter((h) => h.from_status === h.to_status)
        .map((h) => ({ at: iso(h.at), note: h.note })),
    };
  }

  /** The customer's own orders, newest first (cursor: `before` = createdAt of the last one seen). */
  async history(user: AuthUser, input: { limit: number; before?: string | undefined }) {
    let q = this.lagTolerantDb
      .selectFrom("orders")
      .innerJoin("stores", "stores.id", "orders.store_id")
      .select([
        "orders.id",
        "orders.order_number",
        "orders.status",
        "orders.channel",
        "orders.currency",
        "orders.total",
        "orders.created_at",
        "orders.store_id",
        "stores.name as store_name",
      ])
      .where("orders.customer_id", "=", user.id)
      .orderBy("orders.created_at", "desc")
      .orderBy("orders.id", "desc")
      .limit(input.limit);
    if (input.before) q = q.where("orders.created_at", "<", new Date(input.before));
    const rows = await q.execute();
    const items =
      rows.length === 0
        ? []
        : await this.lagTolerantDb
            .selectFrom("order_items")
            .select(["order_id", "name", "quantity"])
            .where(
              "order_id",
              "in",
              rows.map((r) => r.id),
            )
            .orderBy("line_no")
            .execute();
    return {
      orders: rows.map((r) => ({
        id: r.id,
        orderNumber: r.order_number,
        status: r.status,
        channel: r.channel,
        currency: r.currency.trim(),
        total: r.total,
        createdAt: iso(r.created_at)!,
        storeId: r.store_id,
        storeName: r.store_name,
        items: items.filter((i) => i.order_id === r.id).map((i) => ({ name: i.name, quantity: i.quantity })),
      })),
      nextBefore: rows.length === input.limit ? iso(rows[rows.length - 1]!.created_at) : null,
    };
  }

  /** The cart of an existing order (promo checks against an order use it). */
  async cartOf(
    user: AuthUser,
    orderId: string,
  ): Promise<{
    storeId: string;
    channel: "delivery" | "carryout";
    tip: number;
    items: TCartLine[];
    orderId: string;
    customerId: string;
  }> {
    const o = await this.row(orderId);
    await this.assertCanSee(user, o);
    const items = await this.db
      .selectFrom("order_items")
      .select(["item_id", "variant", "quantity", "config"])
      .where("order_id", "=", o.id)
      .orderBy("line_no")
      .execute();
    return {
      orderId: o.id,
      customerId: o.customer_id,
      storeId: o.store_id,
      channel: o.channel,
      tip: o.tip,
      items: items.map((i) => cartLineOf(i.item_id, i.variant, i.quantity, i.config)),
    };
  }

  /**
   * A new cart from a past order at today's prices. Lines that are no longer on the menu, out of
   * stock or no longer valid are dropped, each with a note saying why.
   */
  async reorder(
    user: AuthUser,
    input: {
      orderId: string;
      storeId?: string | undefined;
      channel?: "delivery" | "carryout" | undefined;
      locale?: string | undefined;
    },
  ) {
    const past = await this.cartOf(user, input.orderId);
    const storeId = input.storeId ?? past.storeId;
    const channel = input.channel ?? past.channel;
    const menu = await this.menus.menu(storeId, menuLocale(input.locale, undefined));
    const kept: ResolvedLine[] = [];
    const dropped: { itemId: string; name: string; reason: string }[] = [];
    const names = await this.db
      .selectFrom("order_items")
      .select(["name", "line_no"])
      .where("order_id", "=", past.orderId)
      .orderBy("line_no")
      .execute();
    for (const [i, line] of past.items.entries()) {
      const r = resolveLine(menu, line);
      if (r.ok) kept.push(r.line);
      else dropped.push({ itemId: line.itemId, name: names[i]?.name ?? line.itemId, reason: r.reason });
    }
    const breakdown =
      kept.length > 0
        ? priceCart({
            region: menu.region,
            channel,
            lines: kept,
            tip: 0,
            deals: dealsOnOffer(menu, new Date()),
          })
        : null;
    return {
      storeId,
      channel,
      items: kept.map((l) => l.input),
      lines: kept.map((l) => ({
        itemId: l.itemId,
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: l.unitPrice * l.quantity,
      })),
      dropped,
      note:
        dropped.length === 0
          ? null
          : `${dropped.map((d) => d.name).join(", ")} ${dropped.length === 1 ? "is" : "are"} not available any more and ${dropped.length === 1 ? "was" : "were"} left out.`,
      breakdown,
    };
  }
}

/** An order as the API shows it: the row, its lines and its promo code (also what a receipt is made from). */
export async function orderView(db: Kysely<Database>, o: OrderRow): Promise<OrderView> {
  const [items, promo] = await Promise.all([
    db
      .selectFrom("order_items")
      .select(ITEM_LINE_COLUMNS)
      .where("order_id", "=", o.id)
      .orderBy("line_no")
      .execute(),
    o.promo_code_id ? promoCodeOf(db, o.promo_code_id) : undefined,
  ]);
  return viewOf(
    o,
    items.map((i) => ({
      lineNo: i.line_no,
      itemId: i.item_id,
      kind: i.kind,
      variant: i.variant,
      quantity: i.quantity,
      name: i.name,
      config: i.config,
      unitPrice: i.unit_price,
      lineTotal: i.line_total,
    })),
    promo ?? null,
  );
}
