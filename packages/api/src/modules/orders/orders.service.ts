import { randomUUID } from "node:crypto";
import type { Database, Kysely, OrderStatus, Transaction } from "@pizza/db";
import { sql, ZONE_RESOLUTION } from "@pizza/db";
import { latLngToCell } from "h3-js";
import { badRequest, conflict, forbidden, preconditionFailed } from "../../errors.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import { withDbRetry } from "../../infra/db-retry.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type ResolvedLine, resolveCart, totalNeeds } from "../menu/builder-rules.ts";
import { type MenuService, menuLocale } from "../menu/menu.service.ts";
import type { Menu } from "../menu/menu.types.ts";
import { type PriceBreakdown, type PromoDiscountRule, priceCart } from "../pricing/pricing.ts";
import type { PromoRow } from "../promos/promo-rules.ts";
import type { PromosService } from "../promos/promos.service.ts";
import { type HourOverride, isOpenAt, nextOpening, type WeeklyHours } from "../stores/hours.ts";
import { distanceKm, type StoresService } from "../stores/stores.service.ts";
import {
  claimSlot,
  claimSlotQuery,
  HANDOFF_MS,
  KITCHEN_LEAD_MS,
  planAsap,
  releaseSlot,
  SLOT_MS,
  slotCounts,
  slotOf,
  travelMs,
} from "./kitchen-capacity.ts";
import { type Capture, type MarkPaidResult, markPaid, notePaymentIssue } from "./mark-paid.ts";
import { editNoteFor } from "./order-edit-rights.ts";
import { assertUnpaidRoom } from "./order-limits.ts";
import { OrderQueries } from "./order-queries.ts";
import {
  iso,
  itemRows,
  ORDER_COLUMNS,
  type OrderEventPayload,
  type OrderRow,
  type OrderView,
  viewOf,
} from "./order-rows.ts";
import type { Actor } from "./order-state.ts";
import { lockStockInOrder, releaseStock, reserveStock } from "./order-stock.ts";
import { checkChange, firstStatus, historyRow, writeOrderChange } from "./order-writes.ts";
import type { TPlaceOrderRequest, TQuoteRequest, TUpdateOrderRequest } from "./orders.schemas.ts";
import { placeRequestHash, type ReplayRow, sameRequest } from "./request-fingerprint.ts";

const MAX_SCHEDULE_AHEAD_MS = 7 * 24 * 3600_000;

export interface TransitionOptions {
  expectedVersion?: number | undefined;
  note?: string | undefined;
  /** Run inside the caller's transaction (payments moves pending_payment → placed in its own). */
  trx?: Transaction<Database> | undefined;
}

export interface TransitionResult {
  orderId: string;
  status: OrderStatus;
  previousStatus: OrderStatus;
  version: number;
  at: string;
}

/**
 * Hooks run INSIDE the order's transaction, after its own writes: a hook that throws rolls the
 * whole change back. They must not call external services (use the outbox events for that, e.g.
 * `order.cancelled` → the gateway refund); they may write their own rows with `trx`.
 */
export type CancelHook = (ctx: {
  trx: Transaction<Database>;
  order: OrderEventPayload & { total: number; currency: string; paymentMethod: "card" | "cash" };
  actor: Actor;
  reason: string | null;
}) => Promise<void>;
export type UpdateHook = (ctx: {
  trx: Transaction<Database>;
  order: OrderEventPayload;
  previousTotal: number;
  total: number;
  currency: string;
}) => Promise<PaymentAdjustment | undefined>;

/** What a change did to money already taken: how much goes back to the card (minor units). */
export interface PaymentAdjustment {
  refunded: number;
}

export interface OrdersDeps {
  db: Kysely<Database>;
  menus: MenuService;
  promos: PromosService;
  stores: StoresService;
  now?: () => Date;
  /** How many unpaid card orders one customer may hold at once (MAX_UNPAID_ORDERS; order-limits.ts). */
  maxUnpaidOrders?: number;
}

export class OrdersService {
  private readonly db: Kysely<Database>;
  private readonly menus: MenuService;
  private readonly promos: PromosService;
  private readonly stores: StoresService;
  private readonly now: () => Date;
  private readonly maxUnpaidOrders: number;
  /** Registered by payments (refunds). Called inside the cancel transaction; see CancelHook. */
  readonly onCancelled: CancelHook[] = [];
  /** Registered by payments (adjust an authorized amount). Called inside the update transaction. */
  readonly onUpdated: UpdateHook[] = [];
  /** Dispatch may register a better ETA source (the assigned driver's live ETA). */
  etaProvider: ((orderId: string) => Promise<Date | undefined>) | undefined;

  private readonly queries: OrderQueries;

  constructor(deps: OrdersDeps) {
    this.queries = new OrderQueries(deps.db, deps.menus, () => this.etaProvider);
    this.db = deps.db;
    this.menus = deps.menus;
    this.promos = deps.promos;
    this.stores = deps.stores;
    this.now = deps.now ?? (() => new Date());
    this.maxUnpaidOrders = deps.maxUnpaidOrders ?? 3;
  }

  // ── reading (order-queries.ts) ────────────────────────────────────────────────────────────────────────────

  private row = (id: string, db: Kysely<Database> = this.db, forUpdate = false) =>
    this.queries.row(id, db, forUpdate);
  private assertCanSee = (user: AuthUser, o: OrderRow, db: Kysely<Database> = this.db) =>
    this.queries.assertCanSee(user, o, db);
  private view = (o: OrderRow, db: Kysely<Database> = this.db) => this.queries.view(o, db);

  get(user: AuthUser, orderId: string): Promise<OrderView> {
    return this.queries.get(user, orderId);
  }

  /** The event payload of an order as it is now (for other modules: payments, dispatch). */
  eventOf(orderId: string, db: Kysely<Database> = this.db) {
    return this.queries.eventOf(orderId, db);
  }

  track(user: AuthUser, orderId: string) {
    return this.queries.track(user, orderId);
  }

  /** The customer's own orders, newest first (cursor: `before` = createdAt of the last one seen). */
  history(user: AuthUser, input: { limit: number; before?: string | undefined }) {
    return this.queries.history(user, input);
  }

  /** Staff: their store's orders (admins: any store's), newest first, optionally by status. */
  storeOrders(
    user: AuthUser,
    input: { storeId?: string | undefined; statuses?: OrderStatus[] | undefined; limit: number },
  ) {
    return this.queries.storeOrders(user, input);
  }

  /** The cart of an existing order (promo checks against an order use it). */
  cartOf(user: AuthUser, orderId: string) {
    return this.queries.cartOf(user, orderId);
  }

  /** A new cart from a past order at today's prices, dropping what is gone with a note. */
  reorder(
    user: AuthUser,
    input: {
      orderId: string;
      storeId?: string | undefined;
      channel?: "delivery" | "carryout" | undefined;
      locale?: string | undefined;
    },
  ) {
    return this.queries.reorder(user, input);
  }
  // ── pricing a cart ─────────────────────────────────────────────────────────────────────

  private async storeIdFor(input: {
    channel: "delivery" | "carryout";
    storeId?: string | undefined;
    location?: { lat: number; lng: number } | undefined;
  }): Promise<string> {
    if (input.storeId) {
      if (input.channel === "delivery" && input.location)
        await this.assertDelivers(input.storeId, input.location);
      return input.storeId;
    }
    if (!input.location) throw badRequest("Choose a store or give a delivery location.");
    return (await this.stores.findForDelivery(input.location, { allowClosed: true })).id;
  }

  private async storeFor(input: {
    channel: "delivery" | "carryout";
    storeId?: string | undefined;
    location?: { lat: number; lng: number } | undefined;
  }) {
    if (input.storeId) {
      if (input.channel === "delivery" && input.location)
        await this.assertDelivers(input.storeId, input.location);
      return this.stores.get(input.storeId);
    }
    if (!input.location) throw badRequest("Choose a store or give a delivery location.");
    return this.stores.findForDelivery(input.location, { allowClosed: true });
  }

  private async assertDelivers(storeId: string, location: { lat: number; lng: number }) {
    const cell = latLngToCell(location.lat, location.lng, ZONE_RESOLUTION);
    const hit = await this.db
      .selectFrom("store_delivery_cells")
      .select("cell")
      .where("cell", "=", cell)
      .where("store_id", "=", storeId)
      .executeTakeFirst();
    if (!hit) {
      throw preconditionFailed(
        "This store doesn't deliver to that address; choose carryout or another store.",
        {
          reason: "outside_delivery_zone",
        },
      );
    }
  }

  private async priced(
    args: {
      customerId: string;
      menu: Menu;
      lines: ResolvedLine[];
      channel: "delivery" | "carryout";
      tip: number;
      promoCode?: string | undefined;
      excludeOrderId?: string | undefined;
      strictPromo: boolean;
    },
    db: Kysely<Database> = this.db,
  ): Promise<{ breakdown: PriceBreakdown; promo: PromoRow | null; promoNote: string | null }> {
    let promo: PromoRow | null = null;
    let promoNote: string | null = null;
    let rule: PromoDiscountRule | undefined;
    if (args.promoCode) {
      const ev = await this.promos.evaluate(
        {
          code: args.promoCode,
          customerId: args.customerId,
          menu: args.menu,
          lines: args.lines,
          channel: args.channel,
          tip: args.tip,
          excludeOrderId: args.excludeOrderId,
        },
        db,
      );
      if (ev.ok) {
        promo = ev.promo;
        rule = ev.rule;
      } else if (args.strictPromo) {
        throw preconditionFailed(ev.refusal.reason, { reason: "promo", promoReason: ev.refusal.code });
      } else {
        promoNote = ev.refusal.reason;
      }
    }
    const breakdown = priceCart({
      region: args.menu.region,
      channel: args.channel,
      lines: args.lines,
      tip: args.tip,
      promo: promo && rule ? { code: promo.code, rule } : undefined,
    });
    if (promoNote && args.promoCode)
      breakdown.promo = { code: args.promoCode.toUpperCase(), applied: false, reason: promoNote };
    return { breakdown, promo, promoNote };
  }

  private assertMinimum(menu: Menu, channel: "delivery" | "carryout", subtotal: number) {
    if (channel === "delivery" && subtotal < menu.region.minDeliverySubtotal) {
      const fmt = new Intl.NumberFormat(menu.region.locale, {
        style: "currency",
        currency: menu.region.currency,
        minimumFractionDigits: menu.region.currencyDigits,
        maximumFractionDigits: menu.region.currencyDigits,
      });
      const d = 10 ** menu.region.currencyDigits;
      throw preconditionFailed(
        `Delivery starts at ${fmt.format(menu.region.minDeliverySubtotal / d)}; add ${fmt.format((menu.region.minDeliverySubtotal - subtotal) / d)} more or choose carryout.`,
        { reason: "below_delivery_minimum" },
      );
    }
  }

  /** Prices a cart without placing it (the checkout page): lines, totals, promo outcome. */
  async quote(user: AuthUser, input: TQuoteRequest) {
    const store = await this.storeFor(input);
    const menu = await this.menus.menu(store.id, menuLocale(input.locale, undefined));
    const lines = resolveCart(menu, input.items);
    const { breakdown } = await this.priced({
      customerId: user.id,
      menu,
      lines,
      channel: input.channel,
      tip: input.tip,
      promoCode: input.promoCode,
      strictPromo: false,
    });
    return {
      storeId: store.id,
      lines: lines.map((l) => ({
        itemId: l.itemId,
        name: l.name,
        variant: l.variant,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: l.unitPrice * l.quantity,
      })),
      ...breakdown,
    };
  }

  // ── placing ────────────────────────────────────────────────────────────────────────────

  private async existing(customerId: string, key: string): Promise<ReplayRow | undefined> {
    return this.db
      .selectFrom("orders")
      .select(ORDER_COLUMNS)
      .select("request_hash")
      .where("customer_id", "=", customerId)
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
  }

  /** Places an order; a transaction that lost a deadlock / serialization race is run again (db-retry.ts). */
  async place(user: AuthUser, input: TPlaceOrderRequest): Promise<OrderView & { replayed: boolean }> {
    return withDbRetry(() => this.placeOnce(user, input));
  }

  private async placeOnce(
    user: AuthUser,
    input: TPlaceOrderRequest,
  ): Promise<OrderView & { replayed: boolean }> {
    const now = this.now();
    // Independent reads in parallel: a replay of the same key, the store's cached menu (which carries
    // the store's state and is invalidated by every store control) and the kitchen's upcoming slots.
    const storeId = await this.storeIdFor(input);
    const earliest = new Date(now.getTime() + KITCHEN_LEAD_MS);
    const [prior, menu, asapCounts] = await Promise.all([
      this.existing(user.id, input.idempotencyKey),
      this.menus.menu(storeId, menuLocale(input.locale, undefined)),
      input.scheduledFor ? undefined : slotCounts(this.db, storeId, earliest, 48),
    ]);
    const requestHash = placeRequestHash(input);
    if (prior) return { ...(await this.view(sameRequest(prior, requestHash))), replayed: true };
    const store = storeOfMenu(menu, now);
    if (!store.acceptingOrders)
      throw preconditionFailed(`${store.name} is not taking orders right now.`, { reason: "not_accepting" });
    if (input.channel === "delivery" && store.deliveryPaused) {
      throw preconditionFailed(
        `${store.name} has paused delivery for a moment; carryout is still possible.`,
        { reason: "delivery_paused" },
      );
    }
    const lines = resolveCart(menu, input.items);
    const { breakdown, promo } = await this.priced({
      customerId: user.id,
      menu,
      lines,
      channel: input.channel,
      tip: input.tip,
      promoCode: input.promoCode,
      strictPromo: true,
    });
    this.assertMinimum(menu, input.channel, breakdown.subtotal);
    if (input.expectedTotal !== undefined && input.expectedTotal !== breakdown.total) {
      throw preconditionFailed("The price of your order has changed; please review the new total.", {
        reason: "total_mismatch",
        total: breakdown.total,
        currency: breakdown.currency,
      });
    }

    // Timing: when it leaves the kitchen and when the customer gets it.
    const travel =
      input.channel === "delivery" && input.location
        ? HANDOFF_MS + travelMs(distanceKm(store, input.location), menu.region.driverSpeedKmh)
        : 0;
    let plans: { slotStart: Date; readyAt: Date }[];
    const scheduledFor = input.scheduledFor ? new Date(input.scheduledFor) : null;
    if (scheduledFor) {
      plans = await this.scheduledPlan(store, scheduledFor, travel, now);
    } else {
      if (!store.openNow) {
        throw preconditionFailed(
          `${store.name} is closed right now${store.opensAt ? `; it opens at ${store.opensAt}. You can schedule the order for later` : ""}.`,
          { reason: "closed", opensAt: store.opensAt },
        );
      }
      plans = planAsap({
        earliest,
        capacity: store.kitchenCapacity,
        counts: asapCounts ?? new Map(),
        hours: store.hours,
        timezone: store.timezone,
        overrides: store.hourOverrides,
      });
      if (plans.length === 0) {
        throw preconditionFailed(
          `${store.name}'s kitchen is fully booked for the next hours; please try again later.`,
          {
            reason: "kitchen_full",
          },
        );
      }
    }
    const plan = plans[0]!;
    const status = firstStatus(input.paymentMethod);
    const needs = totalNeeds(lines);

    let hitZero = false;
    // Counted stock and availability: only when the menu says something in the cart is counted
    // (the menu is invalidated whenever that changes).
    const counted = new Set(menu.countedStock ?? []);
    const checkStock =
      menu.countedStock === undefined || needs.some((n) => counted.has(`${n.entity}|${n.id}`));
    // With nothing to write after the order (no stock, no promo), the first planned slot is claimed in
    // the order's own statement: one round trip fewer, and the slot row is still locked only from
    // there to COMMIT. Otherwise it is claimed last, after stock and promo, as before.
    const claimFirstPlanInStatement = !checkStock && !promo;
    try {
      const order = await this.db.transaction().execute(async (trx) => {
        if (status === "pending_payment")
          await assertUnpaidRoom(trx, user.id, input.idempotencyKey, this.maxUnpaidOrders);
        // One statement writes the order, its items, the first history row and the outbox event
        // (data-modifying CTEs; the foreign keys are checked at its end). The order row is the
        // idempotency guard: a concurrent twin blocks on its unique index, then fails.
        const orderId = randomUUID();
        const version = 1;
        const payload = {
          orderId,
          regionCode: store.regionCode,
          storeId: store.id,
          customerId: user.id,
          channel: input.channel,
          status,
          previousStatus: null,
          version,
          at: now.toISOString(),
          paymentMethod: input.paymentMethod,
          total: breakdown.total,
          currency: breakdown.currency,
          promisedAt: new Date(plan.readyAt.getTime() + travel).toISOString(),
          readyEstimateAt: plan.readyAt.toISOString(),
          scheduledFor: scheduledFor ? scheduledFor.toISOString() : null,
        };
        const first = plans[0]!;
        const written = await trx
          .with("s", (db) =>
            claimFirstPlanInStatement
              ? claimSlotQuery(db, store.id, first.slotStart, store.kitchenCapacity)
              : db.selectNoFrom(sql<number>`null`.as("orders")),
          )
          .with("o", (db) =>
            db
              .insertInto("orders")
              .values({
                id: orderId,
                region_code: store.regionCode,
                store_id: store.id,
                customer_id: user.id,
                channel: input.channel,
                status,
                payment_method: input.paymentMethod,
                address: input.address ? JSON.stringify(input.address) : null,
                lat: input.location?.lat ?? null,
                lng: input.location?.lng ?? null,
                notes: input.notes ?? null,
                currency: breakdown.currency,
                subtotal: breakdown.subtotal,
                discount: breakdown.discount,
                delivery_fee: breakdown.deliveryFee,
                tax: breakdown.tax,
                tax_included: breakdown.taxIncluded,
                tip: breakdown.tip,
                total: breakdown.total,
                promo_code_id: promo?.id ?? null,
                idempotency_key: input.idempotencyKey,
                request_hash: requestHash,
                scheduled_for: scheduledFor,
                promised_at: new Date(plan.readyAt.getTime() + travel),
                ready_estimate_at: plan.readyAt,
                updated_at: now,
              })
              .returning(ORDER_COLUMNS),
          )
          .with("i", (db) => db.insertInto("order_items").values(itemRows(orderId, store.regionCode, lines)))
          .with("h", (db) =>
            db
              .insertInto("order_status_history")
              .values(
                historyRow(
                  { id: orderId, region_code: store.regionCode },
                  status,
                  version,
                  { id: user.id, role: user.role },
                  scheduledFor ? `scheduled for ${scheduledFor.toISOString()}` : null,
                  now,
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
                    sql<string>`${JSON.stringify(payload)}::jsonb || jsonb_build_object('orderNumber', o.order_number)`.as(
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
        const o = row;
        if (claimFirstPlanInStatement && slotOrders !== null && slotOrders !== undefined) return o;
        if (checkStock) hitZero = await reserveStock(trx, o, needs);
        if (promo) {
          await this.promos.redeem(trx, {
            promo,
            orderId: o.id,
            regionCode: o.region_code,
            customerId: user.id,
            discount: breakdown.discount,
          });
        }
        // Last, so the slot row (hot on a busy night) is locked for the shortest time.
        const claimed = await this.claimPlanned(
          trx,
          store.id,
          plans,
          store.kitchenCapacity,
          Boolean(scheduledFor),
          // The statement above already found the first plan's slot full.
          claimFirstPlanInStatement,
          // When a burst filled every planned slot meanwhile, the following ones (within hours).
          (tried) =>
            planAsap({
              earliest,
              capacity: store.kitchenCapacity,
              counts: new Map(),
              hours: store.hours,
              timezone: store.timezone,
              overrides: store.hourOverrides,
              skip: tried,
              limit: 48,
            }),
        );
        if (claimed.slotStart.getTime() !== plan.slotStart.getTime()) {
          const moved = await trx
            .updateTable("orders")
            .set({
              ready_estimate_at: claimed.readyAt,
              promised_at: new Date(claimed.readyAt.getTime() + travel),
            })
            .where("id", "=", o.id)
            .where("region_code", "=", o.region_code)
            .returning(ORDER_COLUMNS)
            .executeTakeFirstOrThrow();
          return moved;
        }
        return o;
      });
      if (hitZero) await this.menus.invalidateStore(store.id);
      // Answered from what was just written: no read-back.
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
      return { ...viewOf(order, items, promo?.code ?? null), replayed: false };
    } catch (error) {
      if (isUniqueViolation(error, "idempotency_key")) {
        const twin = await this.existing(user.id, input.idempotencyKey);
        if (twin) return { ...(await this.view(sameRequest(twin, requestHash))), replayed: true };
      }
      throw error;
    }
  }

  private async claimPlanned(
    trx: Transaction<Database>,
    storeId: string,
    plans: { slotStart: Date; readyAt: Date }[],
    capacity: number,
    scheduled: boolean,
    firstTried: boolean,
    more: (tried: Set<number>) => { slotStart: Date; readyAt: Date }[],
  ): Promise<{ slotStart: Date; readyAt: Date }> {
    const tries = scheduled ? plans.slice(0, 1) : plans;
    for (const p of firstTried ? tries.slice(1) : tries) {
      if (await claimSlot(trx, storeId, p.slotStart, capacity)) return p;
    }
    if (!scheduled) {
      // Slots are locked in ascending time only (the lock order, README): never go back to an earlier one.
      const last = Math.max(...tries.map((t) => t.slotStart.getTime()));
      for (const p of more(new Set(tries.map((t) => t.slotStart.getTime())))) {
        if (p.slotStart.getTime() <= last) continue;
        if (await claimSlot(trx, storeId, p.slotStart, capacity)) return p;
      }
    }
    throw conflict(
      scheduled
        ? "That time has just been booked up; please choose another slot."
        : "The kitchen has just filled up; please try again for a later time.",
      { reason: "kitchen_full" },
    );
  }

  /** A scheduled order: its slot must be in the future, within store hours, and have room. */
  private async scheduledPlan(
    store: PlanningStore,
    at: Date,
    travel: number,
    now: Date,
  ): Promise<{ slotStart: Date; readyAt: Date }[]> {
    const readyAt = new Date(at.getTime() - travel);
    if (readyAt.getTime() < now.getTime() + KITCHEN_LEAD_MS) {
      throw badRequest(
        "That time is too soon for a scheduled order; order ASAP instead or pick a later time.",
      );
    }
    if (at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS)
      throw badRequest("Orders can be scheduled at most 7 days ahead.");
    if (
      !isOpenAt(store.hours, store.timezone, readyAt, store.hourOverrides) ||
      !isOpenAt(store.hours, store.timezone, at, store.hourOverrides)
    ) {
      throw preconditionFailed(
        `${store.name} is closed at that time; choose a time within its opening hours.`,
        {
          reason: "outside_hours",
        },
      );
    }
    const counts = await slotCounts(this.db, store.id, readyAt, 1);
    if ((counts.get(slotOf(readyAt).getTime()) ?? 0) >= store.kitchenCapacity) {
      const free = await this.freeSlots(store.id, readyAt, travel, 6);
      throw preconditionFailed("That time is fully booked. These times are still free.", {
        reason: "slot_full",
        nextSlots: free,
      });
    }
    return [{ slotStart: slotOf(readyAt), readyAt }];
  }

  /** Next times (delivery or pick-up) whose kitchen slot has room, from `from`'s slot on. */
  async freeSlots(storeId: string, readyFrom: Date, travel: number, count: number): Promise<string[]> {
    const store = await this.stores.get(storeId);
    const counts = await slotCounts(this.db, storeId, readyFrom, 7 * 24 * 4);
    const out: string[] = [];
    let t = slotOf(readyFrom).getTime();
    const minReady = this.now().getTime() + KITCHEN_LEAD_MS;
    const horizon = this.now().getTime() + MAX_SCHEDULE_AHEAD_MS;
    for (let i = 0; i < 7 * 24 * 4 && out.length < count; i++, t += SLOT_MS) {
      if (t < slotOf(minReady).getTime()) continue;
      if (t + travel > horizon) break;
      if ((counts.get(t) ?? 0) >= store.kitchenCapacity) continue;
      const readyAt = Math.max(t, minReady);
      if (!isOpenAt(store.hours, store.timezone, new Date(readyAt))) continue;
      out.push(new Date(readyAt + travel).toISOString());
    }
    return out;
  }

  private async insertItems(trx: Transaction<Database>, o: OrderRow, lines: readonly ResolvedLine[]) {
    await trx
      .insertInto("order_items")
      .values(itemRows(o.id, o.region_code, lines))
      .execute();
  }

  // ── the state machine ──────────────────────────────────────────────────────────────────

  /**
   * The one way an order changes status: checks the edge (order-state.ts) and the actor, bumps
   * `version` optimistically (UPDATE … WHERE version = seen), writes the history row and the outbox
   * events in the same transaction. Of two concurrent moves from the same version exactly one wins;
   * the other gets CONFLICT. Cancelling also releases stock, the promo redemption and the kitchen
   * slot, then runs the `onCancelled` hooks, all in the same transaction.
   */
  async transition(
    orderId: string,
    to: OrderStatus,
    actor: Actor,
    opts: TransitionOptions = {},
  ): Promise<TransitionResult> {
    let storeToRefresh: string | null = null;
    const run = async (trx: Transaction<Database>): Promise<TransitionResult> => {
      const o = await this.row(orderId, trx);
      if (actor !== "system") {
        const user = { id: actor.id, role: actor.role, storeId: null as string | null, name: "" };
        if (actor.role === "staff") {
          const staff = await trx
            .selectFrom("users")
            .select("store_id")
            .where("id", "=", actor.id)
            .executeTakeFirst();
          user.storeId = staff?.store_id ?? null;
        }
        // Drivers too (they see the orders they deliver): another's order is NOT_FOUND, never a 403/412 (issue 14).
        await this.assertCanSee(user, o, trx);
      }
      const at = this.now();
      const note = opts.note ?? null;
      const { payload } = await writeOrderChange(
        trx,
        o,
        { kind: "move", to, note },
        {
          actor,
          at,
          expectedVersion: opts.expectedVersion,
          extra: (p) => {
            if (to === "ready")
              return [
                {
                  topic: "order.ready",
                  aggregateId: o.id,
                  payload: {
                    ...p,
                    lat: o.lat,
                    lng: o.lng,
                    promisedAt: iso(o.promised_at),
                    paymentMethod: o.payment_method,
                    total: o.total,
                  },
                },
              ];
            if (to === "cancelled")
              return [
                {
                  topic: "order.cancelled",
                  aggregateId: o.id,
                  payload: {
                    ...p,
                    reason: note,
                    total: o.total,
                    currency: o.currency.trim(),
                    paymentMethod: o.payment_method,
                  },
                },
              ];
            return [];
          },
        },
      );
      if (to === "cancelled") {
        if (await releaseStock(trx, o.id)) storeToRefresh = o.store_id;
        await this.promos.release(trx, o.id);
        if (o.ready_estimate_at) await releaseSlot(trx, o.store_id, o.ready_estimate_at);
        for (const hook of this.onCancelled) {
          await hook({
            trx,
            order: {
              ...payload,
              total: o.total,
              currency: o.currency.trim(),
              paymentMethod: o.payment_method,
            },
            actor,
            reason: note,
          });
        }
      }
      return {
        orderId: o.id,
        status: to,
        previousStatus: o.status,
        version: payload.version,
        at: at.toISOString(),
      };
    };
    const result = opts.trx
      ? await run(opts.trx)
      : await withDbRetry(() => this.db.transaction().execute(run));
    if (storeToRefresh) await this.menus.invalidateStore(storeToRefresh);
    return result;
  }

  async cancel(
    user: AuthUser,
    input: { orderId: string; reason?: string | undefined; expectedVersion?: number | undefined },
  ) {
    const reason =
      input.reason ?? (user.role === "customer" ? "cancelled by the customer" : "cancelled by the store");
    return this.transition(
      input.orderId,
      "cancelled",
      { id: user.id, role: user.role },
      {
        expectedVersion: input.expectedVersion,
        note: reason,
      },
    );
  }

  /** Staff bump an order through the kitchen (the store console calls this). */
  async advance(
    user: AuthUser,
    input: {
      orderId: string;
      to: OrderStatus;
      expectedVersion?: number | undefined;
      note?: string | undefined;
    },
  ) {
    return this.transition(
      input.orderId,
      input.to,
      { id: user.id, role: user.role },
      {
        expectedVersion: input.expectedVersion,
        note: input.note,
      },
    );
  }

  // ── changing an order ──────────────────────────────────────────────────────────────────

  /** Changes an order's lines, promo or tip; run again after a deadlock / serialization failure. */
  async update(
    user: AuthUser,
    input: TUpdateOrderRequest,
  ): Promise<OrderView & { promoNote: string | null; payment: PaymentAdjustment }> {
    return withDbRetry(() => this.updateOnce(user, input));
  }

  private async updateOnce(
    user: AuthUser,
    input: TUpdateOrderRequest,
  ): Promise<OrderView & { promoNote: string | null; payment: PaymentAdjustment }> {
    const before = await this.row(input.orderId);
    await this.assertCanSee(user, before);
    if (user.role === "driver") throw forbidden("A driver cannot change an order.");
    const editedFor = await editNoteFor(this.db, user, input.reason);
    const menu = await this.menus.menu(before.store_id, menuLocale(input.locale, undefined));
    const lines = resolveCart(menu, input.items);
    const needs = totalNeeds(lines);
    let promoNote: string | null = null;
    let storeToRefresh = false;
    const payment: PaymentAdjustment = { refunded: 0 };

    const order = await this.db.transaction().execute(async (trx) => {
      const o = await this.row(input.orderId, trx, true);
      // Checked before any work; writeOrderChange checks the same again when it writes.
      checkChange(o, { kind: "edit" }, { id: user.id, role: user.role }, input.expectedVersion);
      const currentCode = o.promo_code_id
        ? (
            await trx
              .selectFrom("promo_codes")
              .select("code")
              .where("id", "=", o.promo_code_id)
              .executeTakeFirst()
          )?.code
        : undefined;
      const code = input.promoCode === undefined ? currentCode : (input.promoCode ?? undefined);
      const tip = input.tip ?? o.tip;

      // The lock order (README): order row, counted stock (what it holds and what it needs, sorted), promo, slot.
      await lockStockInOrder(trx, o, needs);
      await this.promos.release(trx, o.id, { forget: true });
      if (await releaseStock(trx, o.id, { forget: true })) storeToRefresh = true;
      const priced = await this.priced(
        {
          customerId: o.customer_id,
          menu,
          lines,
          channel: o.channel,
          tip,
          promoCode: code,
          excludeOrderId: o.id,
          // A code the customer just typed must apply; the order's existing code is dropped with a note.
          strictPromo: input.promoCode !== undefined && input.promoCode !== null,
        },
        trx,
      );
      promoNote = priced.promoNote;
      const { breakdown, promo } = priced;
      this.assertMinimum(menu, o.channel, breakdown.subtotal);
      if (await reserveStock(trx, o, needs)) storeToRefresh = true;
      if (promo) {
        await this.promos.redeem(trx, {
          promo,
          orderId: o.id,
          regionCode: o.region_code,
          customerId: o.customer_id,
          discount: breakdown.discount,
        });
      }
      await trx.deleteFrom("order_items").where("order_id", "=", o.id).execute();
      await this.insertItems(trx, o, lines);
      const note = `items changed: total ${o.total} → ${breakdown.total} ${breakdown.currency}${promoNote ? `; promo dropped: ${promoNote}` : ""}${editedFor ? `; ${editedFor}` : ""}`;
      const { row: updated, payload } = await writeOrderChange(
        trx,
        o,
        {
          kind: "edit",
          note,
          set: {
            subtotal: breakdown.subtotal,
            discount: breakdown.discount,
            delivery_fee: breakdown.deliveryFee,
            tax: breakdown.tax,
            tip: breakdown.tip,
            total: breakdown.total,
            promo_code_id: promo?.id ?? null,
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
          },
        },
        { actor: { id: user.id, role: user.role }, at: this.now() },
      );
      for (const hook of this.onUpdated) {
        const adjusted = await hook({
          trx,
          order: payload,
          previousTotal: o.total,
          total: updated.total,
          currency: breakdown.currency,
        });
        if (adjusted) payment.refunded += adjusted.refunded;
      }
      return updated;
    });
    if (storeToRefresh) await this.menus.invalidateStore(order.store_id);
    return { ...(await this.view(order)), promoNote, payment };
  }

  // ── free slots ─────────────────────────────────────────────────────────
  async slots(input: {
    storeId: string;
    channel: "delivery" | "carryout";
    from?: string | undefined;
    count: number;
  }) {
    // Within the booking horizon: a look-up beyond it is refused, one from the past starts now.
    const now = this.now().getTime();
    const earliest = now + KITCHEN_LEAD_MS;
    const asked = input.from ? Date.parse(input.from) : earliest;
    if (asked > now + MAX_SCHEDULE_AHEAD_MS)
      throw badRequest("Times can be looked up at most 7 days ahead.", { field: "from" });
    const from = new Date(Math.max(asked, earliest));
    const travel = input.channel === "delivery" ? HANDOFF_MS + 15 * 60_000 : 0;
    return { times: await this.freeSlots(input.storeId, from, travel, input.count) };
  }

  /** Payments: pending_payment → placed when the capture equals the total at that version (mark-paid.ts). */
  markPaid(trx: Transaction<Database>, orderId: string, capture: Capture): Promise<MarkPaidResult> {
    return markPaid(trx, (id, to, actor, opts) => this.transition(id, to, actor, opts), orderId, capture);
  }

  /** Payments: a note on the order's history (e.g. why a capture was refunded), no status change. */
  notePayment(trx: Transaction<Database>, orderId: string, note: string): Promise<void> {
    return notePaymentIssue(trx, orderId, note);
  }
}

/** What placing an order needs to know about its store, read from the store's cached menu. */
interface PlanningStore {
  id: string;
  name: string;
  regionCode: string;
  lat: number;
  lng: number;
  hours: WeeklyHours;
  hourOverrides: HourOverride[];
  timezone: string;
  acceptingOrders: boolean;
  deliveryPaused: boolean;
  kitchenCapacity: number;
  openNow: boolean;
  opensAt: string | null;
}

function storeOfMenu(menu: Menu, now: Date): PlanningStore {
  const s = menu.store;
  const overrides = s.hourOverrides ?? [];
  const inHours = isOpenAt(s.hours, s.timezone, now, overrides);
  const opensAt = inHours || !s.acceptingOrders ? null : nextOpening(s.hours, s.timezone, now, overrides);
  return {
    id: s.id,
    name: s.name,
    regionCode: s.regionCode,
    lat: s.lat,
    lng: s.lng,
    hours: s.hours,
    hourOverrides: overrides,
    timezone: s.timezone,
    acceptingOrders: s.acceptingOrders,
    deliveryPaused: s.deliveryPaused,
    kitchenCapacity: s.kitchenCapacity,
    openNow: inHours && s.acceptingOrders,
    opensAt: opensAt?.toISOString() ?? null,
  };
}
