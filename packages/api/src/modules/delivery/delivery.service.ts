import type { Database, Kysely, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import {
  type AssignmentExplanation,
  type DeliveryRecord,
  type DispatchEvent,
  type Dispatcher,
  type DriverIndex,
  type DriverState,
  haversineM,
  type LatLng,
} from "@pizza/dispatch";
import type { Logger } from "pino";
import { badRequest, forbidden, notFound, preconditionFailed } from "../../errors.ts";
import { type OutboxMessage, writeOutbox } from "../../infra/outbox.ts";
import type { DriverPosition } from "../../realtime/events.ts";
import type { TrackingService } from "../../realtime/tracking.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PaymentsService } from "../payments/payments.service.ts";
import type { ReviewsService } from "../reviews/reviews.service.ts";
import type {
  TAssignDeliveryRequest,
  TGoOnlineRequest,
  TMarkDeliveredRequest,
  TMarkPickedUpRequest,
  TSetStatusRequest,
} from "./delivery.schemas.ts";

type Trx = Transaction<Database>;
type Db = Kysely<Database>;

export interface DeliveryDeps {
  db: Db;
  index: DriverIndex;
  dispatcher: Dispatcher;
  orders: OrdersService;
  payments: PaymentsService;
  reviews?: ReviewsService | undefined;
  tracking: TrackingService;
  log: Logger;
}

interface DriverInfo {
  driverId: string;
  name: string;
  storeId: string;
  /** The dispatch zone the driver works in: their home store (see `zoneOf`). */
  zone: string;
}

/** A delivery with what every screen about it needs (its order, its store). */
interface DeliveryContext {
  id: string;
  orderId: string;
  /** The dispatch zone: the delivery's store. */
  zone: string;
  storeId: string;
  driverId: string | null;
  status: "waiting" | "offered" | "assigned" | "picked_up" | "delivered" | "cancelled";
  explanation: unknown;
  etaPickupAt: Date | null;
  etaDropoffAt: Date | null;
  orderStatus: string;
  orderNumber: number;
  customerId: string;
  paymentMethod: "card" | "cash";
  total: number;
  tip: number;
  deliveryFee: number;
  currency: string;
  address: unknown;
  dropoff: LatLng;
  pickup: LatLng;
  storeName: string;
  storeAddress: string;
}

export interface OfferView {
  offerId: string;
  deliveryId: string;
  orderId: string;
  orderNumber: number;
  store: { id: string; name: string; address: string; lat: number; lng: number };
  dropoff: { lat: number; lng: number; address: unknown };
  distanceM: number;
  pickupEtaS: number;
  pay: number;
  currency: string;
  expiresAt: string;
}

export interface CurrentDeliveryView {
  deliveryId: string;
  orderId: string;
  orderNumber: number;
  status: DeliveryContext["status"];
  store: { id: string; name: string; address: string; lat: number; lng: number };
  dropoff: { lat: number; lng: number; address: unknown };
  paymentMethod: "card" | "cash";
  /** Cash to collect at the door (minor units), 0 for card orders. */
  cashDue: number;
  currency: string;
  etaPickupAt: string | null;
  etaDropoffAt: string | null;
  /** The pick-up checklist and the door: what is in the bag, the customer's notes and contact. */
  items?: { name: string; kind: string; quantity: number }[];
  itemCount?: number;
  drinks?: number;
  notes?: string | null;
  customer?: { name: string; phone: string | null };
}

export interface ActionResult {
  deliveryId: string;
  orderId: string;
  status: DeliveryContext["status"];
  at: string;
  /** True when this was a replay of an action already applied (same clientActionId). */
  replayed: boolean;
}

export type AssignedListener = (assignment: { deliveryId: string; driverId: string }) => void;
export type OfferListener = (offer: {
  offerId: string;
  deliveryId: string;
  driverId: string;
  deadline: number;
}) => void;

const OPEN_STATUSES = ["waiting", "offered", "assigned", "picked_up"] as const;
const NO_DRIVER_NOTE = "no available driver";

/**
 * The dispatch engine's "region" (its key partition and search space) is the store: a store's drivers
 * take that store's deliveries, and a store's drivers and offers live on one Redis shard.
 */
export const zoneOf = (storeId: string): string => storeId;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/**
 * The delivery module: wires the dispatch engine to the orders, payments and tracking services.
 * PostgreSQL (deliveries, delivery_offers, driver_shifts, driver_actions + outbox) is the record of
 * what happened; the dispatcher's index (Redis or in-process) decides who gets which delivery.
 */
export class DeliveryService {
  private readonly db: Db;
  private readonly drivers = new Map<string, DriverInfo>();
  /** Distance driven per open shift since the last flush (this node's share), metres. */
  private readonly distance = new Map<string, { last: LatLng; pending: number }>();
  private readonly offerListeners = new Set<OfferListener>();
  private readonly assignedListeners = new Set<AssignedListener>();
  private readonly kicks = new Set<Promise<unknown>>();
  readonly positionStats = { accepted: 0, refused: { invalid: 0, future: 0, stale: 0 }, unknownDriver: 0 };

  constructor(private readonly deps: DeliveryDeps) {
    this.db = deps.db;
  }

  get dispatcher(): Dispatcher {
    return this.deps.dispatcher;
  }

  get index(): DriverIndex {
    return this.deps.index;
  }

  /** Called after an offer is stored (the simulated fleet answers its drivers' offers from here). */
  onOffer(listener: OfferListener): () => void {
    this.offerListeners.add(listener);
    return () => this.offerListeners.delete(listener);
  }

  /**
   * Called after an assignment is stored — an accepted offer or a staff override (`assignDelivery`):
   * the simulated fleet takes on work it was given without an offer from here.
   */
  onAssigned(listener: AssignedListener): () => void {
    this.assignedListeners.add(listener);
    return () => this.assignedListeners.delete(listener);
  }

  /** Waits for dispatch requests started after a commit (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.kicks.size > 0) await Promise.allSettled([...this.kicks]);
  }

  // ── triggers ─────────────────────────────────────────────────────────────────────────────

  /**
   * `order.ready` (once per event, inside the consumer's transaction): a delivery row for a delivery
   * order, then — after the commit — a dispatch request due now.
   */
  async onOrderReady(payload: Record<string, unknown>, trx: Trx): Promise<void> {
    const orderId = typeof payload.orderId === "string" ? payload.orderId : null;
    if (!orderId || payload.channel !== "delivery") return;
    const created = await this.ensureDeliveryRow(trx, orderId);
    if (created) this.kick(created.id, Date.now());
  }

  /**
   * Timed to the oven: when a delivery order goes into the oven, dispatch starts from the kitchen's
   * estimated ready time (the dispatcher offers the job so the driver arrives as the pizza comes out).
   */
  async onOrderStatusChanged(payload: Record<string, unknown>, trx: Trx): Promise<void> {
    const orderId = typeof payload.orderId === "string" ? payload.orderId : null;
    if (!orderId || payload.channel !== "delivery" || payload.status !== "baking") return;
    const created = await this.ensureDeliveryRow(trx, orderId);
    if (!created) return;
    const estimate = created.readyEstimateAt ? new Date(created.readyEstimateAt).getTime() : Date.now();
    this.kick(created.id, Math.max(Date.now(), estimate));
  }

  /** `order.cancelled`: the delivery is cancelled, any open offer withdrawn, the driver freed. */
  async onOrderCancelled(payload: Record<string, unknown>, trx: Trx): Promise<void> {
    const orderId = typeof payload.orderId === "string" ? payload.orderId : null;
    if (!orderId) return;
    const d = await trx
      .selectFrom("deliveries")
      .select(["id", "region_code", "store_id", "driver_id", "status"])
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    if (!d || d.status === "delivered" || d.status === "cancelled") return;
    await trx
      .updateTable("deliveries")
      .set({ status: "cancelled", version: sql`version + 1`, updated_at: new Date() })
      .where("id", "=", d.id)
      .execute();
    const pending = await trx
      .updateTable("delivery_offers")
      .set({ status: "cancelled", responded_at: new Date() })
      .where("delivery_id", "=", d.id)
      .where("status", "=", "pending")
      .returning("driver_id")
      .execute();
    const drivers = new Set([...pending.map((p) => p.driver_id), ...(d.driver_id ? [d.driver_id] : [])]);
    await writeOutbox(
      trx,
      ...[...drivers].map(
        (driverId): OutboxMessage => ({
          topic: "delivery.unassigned",
          aggregateId: orderId,
          payload: { deliveryId: d.id, orderId, storeId: d.store_id, driverId, reason: "order_cancelled" },
        }),
      ),
    );
    // The dispatcher's "cancelled" event writes nothing (this transaction did), so calling it here is safe.
    await this.deps.dispatcher.cancel(zoneOf(d.store_id), d.id);
  }

  private async ensureDeliveryRow(
    trx: Trx,
    orderId: string,
    opts: { evenIfAssigned?: boolean } = {},
  ): Promise<{ id: string; readyEstimateAt: Date | null } | null> {
    const order = await trx
      .selectFrom("orders")
      .select(["id", "region_code", "store_id", "channel", "status", "ready_estimate_at"])
      .where("id", "=", orderId)
      .executeTakeFirst();
    if (order?.channel !== "delivery" || order.status === "cancelled") return null;
    await trx
      .insertInto("deliveries")
      .values({
        order_id: order.id,
        region_code: order.region_code,
        store_id: order.store_id,
        status: "waiting",
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column("order_id").doNothing())
      .execute();
    const row = await trx
      .selectFrom("deliveries")
      .select(["id", "status"])
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    const open = row.status === "waiting" || row.status === "offered";
    if (!open && !(opts.evenIfAssigned && row.status === "assigned")) return null;
    return { id: row.id, readyEstimateAt: order.ready_estimate_at };
  }

  /**
   * Starts (or moves forward) the dispatch of a delivery after the transaction that created it has
   * committed: the consumer's transaction is still open when it returns, so this runs on the next
   * turns and waits for the row to be visible. A crash in between is repaired by `sweep`.
   */
  private kick(deliveryId: string, readyAt: number): void {
    const p = (async () => {
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, i === 0 ? 0 : 50));
        const ctx = await this.context(this.db, deliveryId);
        if (ctx) {
          await this.request(ctx, readyAt);
          return;
        }
      }
    })()
      .catch((error) => this.deps.log.warn({ err: error, deliveryId }, "dispatch request failed"))
      .finally(() => this.kicks.delete(p));
    this.kicks.add(p);
  }

  private async request(ctx: DeliveryContext, readyAt: number): Promise<DeliveryRecord | null> {
    if (ctx.status !== "waiting" && ctx.status !== "offered") return null;
    const rec = await this.deps.dispatcher.request({
      deliveryId: ctx.id,
      region: ctx.zone,
      pickup: ctx.pickup,
      dropoff: ctx.dropoff,
      readyAt,
    });
    // Started early from the estimate, and the pizza came out sooner: look for a driver now.
    if (rec.status === "waiting" && rec.readyAt > readyAt) {
      await this.deps.index.putRequest(
        { ...rec, readyAt, version: rec.version },
        { expectedVersion: rec.version, dueAt: Date.now() },
      );
      await this.deps.dispatcher.tick();
    }
    return rec;
  }

  /**
   * Repairs what a crash or a Redis that lost its data left behind: open deliveries the dispatcher no
   * longer knows are requested again (the request is idempotent). Every node runs it now and then.
   */
  async sweep(limit = 200): Promise<number> {
    const rows = await this.db
      .selectFrom("deliveries as d")
      .innerJoin("orders as o", (j) =>
        j.onRef("o.id", "=", "d.order_id").onRef("o.region_code", "=", "d.region_code"),
      )
      .select(["d.id", "d.store_id", "o.status as order_status", "o.ready_estimate_at"])
      .where("d.status", "in", ["waiting", "offered"])
      .orderBy("d.created_at")
      .limit(limit)
      .execute();
    let requested = 0;
    for (const r of rows) {
      const rec = await this.deps.dispatcher.status(zoneOf(r.store_id), r.id);
      if (rec) continue;
      const ctx = await this.context(this.db, r.id);
      if (!ctx) continue;
      if (ctx.status === "offered") {
        // The offer died with the index: withdraw it in the database too.
        await this.db.transaction().execute(async (trx) => {
          await trx
            .updateTable("delivery_offers")
            .set({ status: "expired", responded_at: new Date() })
            .where("delivery_id", "=", r.id)
            .where("status", "=", "pending")
            .execute();
          await trx
            .updateTable("deliveries")
            .set({ status: "waiting", driver_id: null, version: sql`version + 1`, updated_at: new Date() })
            .where("id", "=", r.id)
            .where("status", "=", "offered")
            .execute();
        });
        ctx.status = "waiting";
      }
      const ready = r.order_status === "ready" ? Date.now() : (r.ready_estimate_at?.getTime() ?? Date.now());
      await this.request(ctx, Math.max(Date.now(), ready));
      requested++;
    }
    return requested;
  }

  // ── dispatch outcomes → PostgreSQL ─────────────────────────────────────────────────────────

  /** The dispatcher's listener: every outcome is mirrored in PostgreSQL with its outbox event. */
  async persist(event: DispatchEvent): Promise<void> {
    switch (event.type) {
      case "offer_made":
        return this.persistOffer(event);
      case "accepted":
        return this.persistAccepted(event);
      case "declined":
      case "expired":
        return this.persistReleased(event);
      case "no_driver":
        return this.persistNoDriver(event);
      case "cancelled":
      case "completed":
        // Written by the transaction that caused them (order cancelled, markDelivered).
        return;
    }
  }

  private async persistOffer(e: Extract<DispatchEvent, { type: "offer_made" }>): Promise<void> {
    const offerId = await this.db.transaction().execute(async (trx) => {
      const ctx = await this.context(trx, e.deliveryId);
      if (!ctx || !OPEN_STATUSES.includes(ctx.status as (typeof OPEN_STATUSES)[number])) return null;
      if (ctx.status === "picked_up") return null;
      const chosen = e.explanation.chosen;
      const offer = await trx
        .insertInto("delivery_offers")
        .values({
          delivery_id: e.deliveryId,
          driver_id: e.driverId,
          status: "pending",
          distance_m: Math.round(chosen?.distanceM ?? 0),
          eta_s: Math.round(chosen?.pickupEtaS ?? 0),
          pay: ctx.deliveryFee + ctx.tip,
          offered_at: new Date(e.at),
          expires_at: new Date(e.deadline),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("deliveries")
        .set({
          status: ctx.status === "assigned" ? "assigned" : "offered",
          explanation: JSON.stringify(e.explanation),
          eta_pickup_at: chosen ? new Date(e.at + chosen.pickupEtaS * 1000) : null,
          eta_dropoff_at: new Date(e.at + e.explanation.dropoffEtaS * 1000),
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where("id", "=", e.deliveryId)
        .execute();
      await writeOutbox(trx, {
        topic: "delivery.offered",
        aggregateId: ctx.orderId,
        payload: {
          deliveryId: e.deliveryId,
          orderId: ctx.orderId,
          storeId: ctx.storeId,
          driverId: e.driverId,
          offerId: offer.id,
          expiresAt: new Date(e.deadline).toISOString(),
          distanceM: Math.round(chosen?.distanceM ?? 0),
          pickupEtaS: Math.round(chosen?.pickupEtaS ?? 0),
        },
      });
      return offer.id;
    });
    if (!offerId) return;
    for (const l of this.offerListeners) {
      try {
        l({ offerId, deliveryId: e.deliveryId, driverId: e.driverId, deadline: e.deadline });
      } catch (error) {
        this.deps.log.warn({ err: error }, "offer listener failed");
      }
    }
  }

  private async persistAccepted(e: Extract<DispatchEvent, { type: "accepted" }>): Promise<void> {
    const stored = await this.db.transaction().execute(async (trx) => {
      const ctx = await this.context(trx, e.deliveryId);
      if (!ctx || ctx.status === "delivered" || ctx.status === "cancelled" || ctx.status === "picked_up")
        return false;
      const now = new Date();
      await trx
        .updateTable("delivery_offers")
        .set({ status: "accepted", responded_at: now })
        .where("delivery_id", "=", e.deliveryId)
        .where("driver_id", "=", e.driverId)
        .where("status", "=", "pending")
        .execute();
      // A staff override took it from someone else: their accepted offer is void now.
      const replaced = await trx
        .updateTable("delivery_offers")
        .set({ status: "cancelled", responded_at: now })
        .where("delivery_id", "=", e.deliveryId)
        .where("driver_id", "!=", e.driverId)
        .where("status", "in", ["pending", "accepted"])
        .returning("driver_id")
        .execute();
      await trx
        .updateTable("deliveries")
        .set({
          status: "assigned",
          driver_id: e.driverId,
          assigned_at: now,
          ...(e.explanation ? { explanation: JSON.stringify(e.explanation) } : {}),
          version: sql`version + 1`,
          updated_at: now,
        })
        .where("id", "=", e.deliveryId)
        .execute();
      const base = { deliveryId: e.deliveryId, orderId: ctx.orderId, storeId: ctx.storeId };
      await writeOutbox(
        trx,
        ...[...new Set(replaced.map((r) => r.driver_id))].map(
          (driverId): OutboxMessage => ({
            topic: "delivery.unassigned",
            aggregateId: ctx.orderId,
            payload: { ...base, driverId, reason: "reassigned" },
          }),
        ),
        {
          topic: "delivery.assigned",
          aggregateId: ctx.orderId,
          payload: { ...base, customerId: ctx.customerId, driverId: e.driverId, at: now.toISOString() },
        },
      );
      return true;
    });
    if (!stored) return;
    for (const l of this.assignedListeners) {
      try {
        l({ deliveryId: e.deliveryId, driverId: e.driverId });
      } catch (error) {
        this.deps.log.warn({ err: error }, "assignment listener failed");
      }
    }
  }

  private async persistReleased(e: Extract<DispatchEvent, { type: "declined" | "expired" }>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ctx = await this.context(trx, e.deliveryId);
      if (!ctx) return;
      const now = new Date();
      const changed = await trx
        .updateTable("delivery_offers")
        .set({ status: e.type, responded_at: now })
        .where("delivery_id", "=", e.deliveryId)
        .where("driver_id", "=", e.driverId)
        .where("status", "=", "pending")
        .returning("id")
        .execute();
      const stillPending = await trx
        .selectFrom("delivery_offers")
        .select("id")
        .where("delivery_id", "=", e.deliveryId)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (ctx.status === "offered" && !stillPending) {
        await trx
          .updateTable("deliveries")
          .set({ status: "waiting", version: sql`version + 1`, updated_at: now })
          .where("id", "=", e.deliveryId)
          .where("status", "=", "offered")
          .execute();
      }
      if (changed.length > 0) {
        await writeOutbox(trx, {
          topic: "delivery.unassigned",
          aggregateId: ctx.orderId,
          payload: {
            deliveryId: e.deliveryId,
            orderId: ctx.orderId,
            storeId: ctx.storeId,
            driverId: e.driverId,
            reason: e.type,
          },
        });
      }
    });
  }

  private async persistNoDriver(e: Extract<DispatchEvent, { type: "no_driver" }>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ctx = await this.context(trx, e.deliveryId);
      if (!ctx || (ctx.status !== "waiting" && ctx.status !== "offered")) return;
      const before = ctx.explanation as Partial<AssignmentExplanation> | null;
      await trx
        .updateTable("deliveries")
        .set({ explanation: JSON.stringify(e.explanation), updated_at: new Date() })
        .where("id", "=", e.deliveryId)
        .execute();
      // The store is told once when its order starts waiting for a driver, not at every retry.
      if (before?.note === NO_DRIVER_NOTE) return;
      await writeOutbox(trx, {
        topic: "delivery.no_driver",
        aggregateId: ctx.orderId,
        payload: {
          deliveryId: e.deliveryId,
          orderId: ctx.orderId,
          orderNumber: ctx.orderNumber,
          storeId: ctx.storeId,
          retryAt: new Date(e.retryAt).toISOString(),
          candidates: e.explanation.candidates.length,
        },
      });
    });
  }

  // ── drivers: shift and status ─────────────────────────────────────────────────────────────

  async driverInfo(driverId: string, db: Db | Trx = this.db): Promise<DriverInfo | undefined> {
    const cached = this.drivers.get(driverId);
    if (cached) return cached;
    const row = await db
      .selectFrom("drivers as d")
      .innerJoin("users as u", "u.id", "d.user_id")
      .innerJoin("stores as s", "s.id", "d.home_store_id")
      .select(["d.user_id", "u.name", "d.home_store_id"])
      .where("d.user_id", "=", driverId)
      .executeTakeFirst();
    if (!row) return undefined;
    const info = {
      driverId: row.user_id,
      name: row.name,
      storeId: row.home_store_id,
      zone: zoneOf(row.home_store_id),
    };
    this.drivers.set(driverId, info);
    return info;
  }

  private async requireDriver(user: AuthUser): Promise<DriverInfo> {
    const info = await this.driverInfo(user.id);
    if (!info) throw forbidden("Your account is not set up as a driver yet; ask your store.");
    return info;
  }

  private async openShift(driverId: string, db: Db | Trx = this.db) {
    return db
      .selectFrom("driver_shifts")
      .select(["id", "store_id", "started_at", "distance_m", "deliveries", "tips"])
      .where("driver_id", "=", driverId)
      .where("ended_at", "is", null)
      .executeTakeFirst();
  }

  /** Clock in at a store (a driver works for their home store) and become available for offers. */
  async goOnline(user: AuthUser, input: TGoOnlineRequest) {
    const me = await this.requireDriver(user);
    if (input.storeId !== me.storeId) {
      throw forbidden("You can only go online for your own store.");
    }
    let shift = await this.openShift(me.driverId);
    if (!shift) {
      await this.db
        .insertInto("driver_shifts")
        .values({ driver_id: me.driverId, store_id: me.storeId })
        .onConflict((oc) => oc.column("driver_id").where("ended_at", "is", null).doNothing())
        .execute();
      shift = await this.openShift(me.driverId);
    }
    if (!shift) throw new Error("the open shift vanished right after it was created");
    const snap = await this.deps.index.setStatus(me.driverId, me.zone, "available");
    return {
      shiftId: shift.id,
      storeId: shift.store_id,
      startedAt: new Date(shift.started_at).toISOString(),
      state: snap.state,
    };
  }

  async setStatus(user: AuthUser, input: TSetStatusRequest) {
    const me = await this.requireDriver(user);
    if (!(await this.openShift(me.driverId))) {
      throw preconditionFailed("Go online first: you are not on a shift.");
    }
    const snap = await this.deps.index.setStatus(me.driverId, me.zone, input.status);
    return { status: snap.status, state: snap.state };
  }

  /** Clock out. A driver holding a delivery finishes it first; an open offer is declined. */
  async goOffline(user: AuthUser) {
    const me = await this.requireDriver(user);
    const holding = await this.db
      .selectFrom("deliveries")
      .select("id")
      .where("driver_id", "=", me.driverId)
      .where("status", "in", ["assigned", "picked_up"])
      .executeTakeFirst();
    if (holding) throw preconditionFailed("Finish your current delivery before going offline.");
    const pending = await this.db
      .selectFrom("delivery_offers as f")
      .innerJoin("deliveries as d", "d.id", "f.delivery_id")
      .select(["f.delivery_id", "d.store_id"])
      .where("f.driver_id", "=", me.driverId)
      .where("f.status", "=", "pending")
      .execute();
    for (const p of pending)
      await this.deps.dispatcher.decline(zoneOf(p.store_id), p.delivery_id, me.driverId);
    await this.deps.index.setStatus(me.driverId, me.zone, "offline");
    await this.flushDistance(me.driverId);
    const shift = await this.db
      .updateTable("driver_shifts")
      .set({ ended_at: new Date() })
      .where("driver_id", "=", me.driverId)
      .where("ended_at", "is", null)
      .returning(["id", "started_at", "ended_at", "deliveries", "distance_m", "tips"])
      .executeTakeFirst();
    this.distance.delete(me.driverId);
    return {
      shiftId: shift?.id ?? null,
      endedAt: iso(shift?.ended_at ?? null),
      deliveries: shift?.deliveries ?? 0,
      distanceM: shift?.distance_m ?? 0,
      tips: shift?.tips ?? 0,
    };
  }

  async shiftSummary(user: AuthUser, input: { shiftId?: string | undefined }) {
    const me = await this.requireDriver(user);
    await this.flushDistance(me.driverId);
    let q = this.db
      .selectFrom("driver_shifts as sh")
      .innerJoin("stores as s", "s.id", "sh.store_id")
      .innerJoin("regions as r", "r.code", "s.region_code")
      .select([
        "sh.id",
        "sh.store_id",
        "sh.started_at",
        "sh.ended_at",
        "sh.deliveries",
        "sh.distance_m",
        "sh.tips",
        "r.currency",
      ])
      .where("sh.driver_id", "=", me.driverId);
    q = input.shiftId ? q.where("sh.id", "=", input.shiftId) : q.orderBy("sh.started_at", "desc").limit(1);
    const s = await q.executeTakeFirst();
    if (!s) {
      if (input.shiftId) throw notFound("We could not find that shift.");
      return null;
    }
    const snap = await this.deps.index.getDriver(me.driverId, me.zone);
    return {
      shiftId: s.id,
      storeId: s.store_id,
      startedAt: new Date(s.started_at).toISOString(),
      endedAt: iso(s.ended_at),
      online: s.ended_at === null,
      state: s.ended_at === null ? (snap?.state ?? "offline") : "offline",
      deliveries: s.deliveries,
      distanceM: s.distance_m,
      tips: s.tips,
      currency: s.currency.trim(),
    };
  }

  // ── drivers: positions ─────────────────────────────────────────────────────────────────────

  /** `services.tracking.positionSink`: every accepted socket position of a driver lands here. */
  async onDriverPosition(driver: AuthUser, position: DriverPosition): Promise<void> {
    const me = await this.driverInfo(driver.id);
    if (!me) {
      this.positionStats.unknownDriver++;
      return;
    }
    const res = await this.deps.index.ingest(
      me.driverId,
      me.zone,
      {
        lat: position.lat,
        lng: position.lng,
        ts: position.at,
        ...(position.heading !== undefined ? { heading: position.heading } : {}),
        ...(position.speedMps !== undefined ? { speed: position.speedMps } : {}),
        ...(position.accuracyM !== undefined ? { accuracy: position.accuracyM } : {}),
      },
      // After the index lost its data, a driver who keeps sending positions is on shift.
      { statusIfUnknown: "available" },
    );
    if (!res.accepted) {
      this.positionStats.refused[res.reason]++;
      return;
    }
    this.positionStats.accepted++;
    const here = { lat: position.lat, lng: position.lng };
    const d = this.distance.get(me.driverId);
    if (d) {
      const step = haversineM(d.last, here);
      // GPS jitter and teleports (a phone that was off) do not count as driving.
      if (step > 3 && step < 2_000) d.pending += step;
      d.last = here;
      if (d.pending > 500) await this.flushDistance(me.driverId);
    } else {
      this.distance.set(me.driverId, { last: here, pending: 0 });
    }
  }

  private async flushDistance(driverId: string): Promise<void> {
    const d = this.distance.get(driverId);
    if (!d || d.pending < 1) return;
    const metres = Math.round(d.pending);
    d.pending -= metres;
    await this.db
      .updateTable("driver_shifts")
      .set({ distance_m: sql`distance_m + ${metres}` })
      .where("driver_id", "=", driverId)
      .where("ended_at", "is", null)
      .execute();
  }

  // ── drivers: offers and deliveries ─────────────────────────────────────────────────────────

  async myOffers(user: AuthUser): Promise<OfferView[]> {
    const rows = await this.db
      .selectFrom("delivery_offers as f")
      .innerJoin("deliveries as d", "d.id", "f.delivery_id")
      .innerJoin("orders as o", (j) =>
        j.onRef("o.id", "=", "d.order_id").onRef("o.region_code", "=", "d.region_code"),
      )
      .innerJoin("stores as s", "s.id", "d.store_id")
      .select([
        "f.id",
        "f.delivery_id",
        "f.distance_m",
        "f.eta_s",
        "f.pay",
        "f.expires_at",
        "d.order_id",
        "o.order_number",
        "o.lat",
        "o.lng",
        "o.address",
        "o.currency",
        "s.id as store_id",
        "s.name as store_name",
        "s.address as store_address",
        "s.lat as store_lat",
        "s.lng as store_lng",
      ])
      .where("f.driver_id", "=", user.id)
      .where("f.status", "=", "pending")
      .where("f.expires_at", ">", new Date())
      .orderBy("f.offered_at")
      .execute();
    return rows.map((r) => ({
      offerId: r.id,
      deliveryId: r.delivery_id,
      orderId: r.order_id,
      orderNumber: Number(r.order_number),
      store: {
        id: r.store_id,
        name: r.store_name,
        address: r.store_address,
        lat: r.store_lat,
        lng: r.store_lng,
      },
      dropoff: { lat: r.lat ?? 0, lng: r.lng ?? 0, address: r.address },
      distanceM: r.distance_m,
      pickupEtaS: r.eta_s,
      pay: r.pay,
      currency: r.currency.trim(),
      expiresAt: new Date(r.expires_at).toISOString(),
    }));
  }

  async current(user: AuthUser): Promise<CurrentDeliveryView[]> {
    const rows = await this.db
      .selectFrom("deliveries")
      .select("id")
      .where("driver_id", "=", user.id)
      .where("status", "in", ["assigned", "picked_up"])
      .orderBy("assigned_at")
      .execute();
    const out: CurrentDeliveryView[] = [];
    for (const r of rows) {
      const c = await this.context(this.db, r.id);
      if (c) out.push(currentView(c));
    }
    return this.withBagAndDoor(out);
  }

  /** The driver's stores: where they may clock in (their home store). */
  async myStores(user: AuthUser) {
    const me = await this.requireDriver(user);
    return this.db
      .selectFrom("stores")
      .select(["id", "name", "address", "lat", "lng", "region_code as regionCode"])
      .where("id", "=", me.storeId)
      .execute();
  }

  /** Adds the pick-up checklist (items, drinks) and the door (notes, customer name and phone). */
  private async withBagAndDoor(views: CurrentDeliveryView[]): Promise<CurrentDeliveryView[]> {
    if (views.length === 0) return views;
    const ids = views.map((v) => v.orderId);
    const items = await this.db
      .selectFrom("order_items")
      .select(["order_id", "name", "kind", "quantity"])
      .where("order_id", "in", ids)
      .orderBy("line_no")
      .execute();
    const door = await this.db
      .selectFrom("orders as o")
      .innerJoin("users as u", "u.id", "o.customer_id")
      .select(["o.id", "o.notes", "u.name", "u.phone"])
      .where("o.id", "in", ids)
      .execute();
    return views.map((v) => {
      const mine = items.filter((i) => i.order_id === v.orderId);
      const d = door.find((x) => x.id === v.orderId);
      const addressNotes = (v.dropoff.address as { notes?: string | null } | null)?.notes ?? null;
      return {
        ...v,
        items: mine.map((i) => ({ name: i.name, kind: i.kind, quantity: i.quantity })),
        itemCount: mine.reduce((n, i) => n + i.quantity, 0),
        drinks: mine.filter((i) => i.kind === "drink").reduce((n, i) => n + i.quantity, 0),
        notes: [d?.notes, addressNotes].filter(Boolean).join(" · ") || null,
        customer: { name: d?.name ?? "", phone: d?.phone ?? null },
      };
    });
  }

  private async myOffer(user: AuthUser, offerId: string) {
    const offer = await this.db
      .selectFrom("delivery_offers as f")
      .innerJoin("deliveries as d", "d.id", "f.delivery_id")
      .select(["f.id", "f.status", "f.delivery_id", "f.expires_at", "d.store_id"])
      .where("f.id", "=", offerId)
      .where("f.driver_id", "=", user.id)
      .executeTakeFirst();
    // Someone else's offer looks exactly like a missing one.
    if (!offer) throw notFound("We could not find that offer.");
    if (offer.status !== "pending") {
      throw preconditionFailed(`This offer was already ${offer.status}.`, {
        reason: `offer_${offer.status}`,
      });
    }
    return offer;
  }

  async acceptOffer(user: AuthUser, offerId: string): Promise<CurrentDeliveryView> {
    const offer = await this.myOffer(user, offerId);
    const res = await this.deps.dispatcher.accept(zoneOf(offer.store_id), offer.delivery_id, user.id);
    if (!res.ok) {
      throw preconditionFailed(
        res.reason === "expired"
          ? "This offer has expired; it went to another driver."
          : "This offer is no longer open.",
        { reason: res.reason },
      );
    }
    const ctx = await this.context(this.db, offer.delivery_id);
    if (!ctx) throw notFound("We could not find that delivery.");
    return currentView(ctx);
  }

  async declineOffer(user: AuthUser, offerId: string): Promise<{ offerId: string; status: "declined" }> {
    const offer = await this.myOffer(user, offerId);
    const ok = await this.deps.dispatcher.decline(zoneOf(offer.store_id), offer.delivery_id, user.id);
    if (!ok) throw preconditionFailed("This offer is no longer open.", { reason: "no_such_offer" });
    return { offerId, status: "declined" };
  }

  /**
   * Runs a driver's action at most once per `clientActionId` (the offline app replays its queue): the
   * action row is inserted first in the same transaction as the effect, so a replay — even a
   * concurrent one — finds it and gets the first answer back.
   */
  private async once(
    user: AuthUser,
    action: "picked_up" | "delivered",
    input: { deliveryId: string; clientActionId: string },
    effect: (trx: Trx, ctx: DeliveryContext) => Promise<void>,
  ): Promise<ActionResult & { fresh: boolean; zone: string }> {
    return this.db.transaction().execute(async (trx) => {
      // Someone else's delivery, or none: not found, and nothing recorded.
      const ctx = await this.context(trx, input.deliveryId, true);
      if (!ctx || ctx.driverId !== user.id) throw notFound("We could not find that delivery.");
      const inserted = await trx
        .insertInto("driver_actions")
        .values({
          client_action_id: input.clientActionId,
          driver_id: user.id,
          delivery_id: input.deliveryId,
          action,
        })
        .onConflict((oc) => oc.column("client_action_id").doNothing())
        .returning("client_action_id")
        .executeTakeFirst();
      if (!inserted) {
        const prior = await trx
          .selectFrom("driver_actions")
          .select(["driver_id", "delivery_id", "action", "result"])
          .where("client_action_id", "=", input.clientActionId)
          .executeTakeFirstOrThrow();
        if (
          prior.driver_id !== user.id ||
          prior.delivery_id !== input.deliveryId ||
          prior.action !== action
        ) {
          throw badRequest("This clientActionId was already used for another action; generate a new one.", {
            field: "clientActionId",
          });
        }
        const result = prior.result as ActionResult;
        return { ...result, replayed: true, fresh: false, zone: ctx.zone };
      }
      await effect(trx, ctx);
      const result = {
        deliveryId: ctx.id,
        orderId: ctx.orderId,
        status: action,
        at: new Date().toISOString(),
        replayed: false,
      } as const;
      await trx
        .updateTable("driver_actions")
        .set({ result: JSON.stringify(result) })
        .where("client_action_id", "=", input.clientActionId)
        .execute();
      return { ...result, fresh: true, zone: ctx.zone };
    });
  }

  /** At the store: the order leaves with the driver (ready → out_for_delivery). */
  async markPickedUp(user: AuthUser, input: TMarkPickedUpRequest): Promise<ActionResult> {
    const r = await this.once(user, "picked_up", input, async (trx, ctx) => {
      if (ctx.status !== "assigned") {
        throw preconditionFailed(
          ctx.status === "picked_up"
            ? "This delivery was already picked up."
            : `This delivery is ${ctx.status.replace(/_/g, " ")}; it cannot be picked up.`,
          { reason: "invalid_delivery_status", status: ctx.status },
        );
      }
      if (ctx.orderStatus !== "ready") {
        throw preconditionFailed("The order is not ready yet; wait for the kitchen.", {
          reason: "order_not_ready",
          status: ctx.orderStatus,
        });
      }
      await this.deps.orders.transition(
        ctx.orderId,
        "out_for_delivery",
        { id: user.id, role: "driver" },
        { trx },
      );
      const now = new Date();
      const eta = await this.deps.dispatcher.etaFor(ctx.zone, ctx.id, { pickedUp: true }).catch(() => null);
      await trx
        .updateTable("deliveries")
        .set({
          status: "picked_up",
          picked_up_at: now,
          ...(eta ? { eta_dropoff_at: new Date(now.getTime() + eta.dropoffS * 1000) } : {}),
          version: sql`version + 1`,
          updated_at: now,
        })
        .where("id", "=", ctx.id)
        .execute();
      await writeOutbox(trx, {
        topic: "delivery.picked_up",
        aggregateId: ctx.orderId,
        payload: {
          deliveryId: ctx.id,
          orderId: ctx.orderId,
          storeId: ctx.storeId,
          customerId: ctx.customerId,
          driverId: user.id,
          at: now.toISOString(),
        },
      });
    });
    return strip(r);
  }

  /** At the door: the order is delivered (out_for_delivery → delivered); cash orders record the cash. */
  async markDelivered(user: AuthUser, input: TMarkDeliveredRequest): Promise<ActionResult> {
    const r = await this.once(user, "delivered", input, async (trx, ctx) => {
      if (ctx.status !== "picked_up") {
        throw preconditionFailed(
          ctx.status === "delivered"
            ? "This delivery was already delivered."
            : "Mark the order picked up at the store first.",
          { reason: "invalid_delivery_status", status: ctx.status },
        );
      }
      if (ctx.paymentMethod === "cash") {
        if (input.cashCollected === undefined) {
          throw badRequest(
            `This order is paid in cash: enter the cash collected (${ctx.total} ${ctx.currency} minor units due).`,
            { field: "cashCollected" },
          );
        }
        await this.deps.payments.markCashCollected(ctx.orderId, input.cashCollected, trx);
      } else if (input.cashCollected !== undefined && input.cashCollected > 0) {
        throw badRequest("This order was paid by card; there is no cash to collect.", {
          field: "cashCollected",
        });
      }
      await this.deps.orders.transition(ctx.orderId, "delivered", { id: user.id, role: "driver" }, { trx });
      const now = new Date();
      await trx
        .updateTable("deliveries")
        .set({
          status: "delivered",
          delivered_at: now,
          cash_collected: ctx.paymentMethod === "cash" ? (input.cashCollected ?? null) : null,
          // markCashCollected above refused less than the total (and absurd figures).
          change_given:
            ctx.paymentMethod === "cash" && input.cashCollected !== undefined
              ? input.cashCollected - ctx.total
              : null,
          version: sql`version + 1`,
          updated_at: now,
        })
        .where("id", "=", ctx.id)
        .execute();
      await trx
        .updateTable("driver_shifts")
        .set({ deliveries: sql`deliveries + 1`, tips: sql`tips + ${ctx.tip}` })
        .where("driver_id", "=", user.id)
        .where("ended_at", "is", null)
        .execute();
      await writeOutbox(trx, {
        topic: "delivery.delivered",
        aggregateId: ctx.orderId,
        payload: {
          deliveryId: ctx.id,
          orderId: ctx.orderId,
          storeId: ctx.storeId,
          customerId: ctx.customerId,
          driverId: user.id,
          at: now.toISOString(),
        },
      });
    });
    // The driver is free again (also on a replay: the first attempt may have died before this).
    await this.deps.dispatcher.complete(r.zone, r.deliveryId, user.id).catch((error) => {
      this.deps.log.warn({ err: error, deliveryId: r.deliveryId }, "dispatcher.complete failed");
    });
    return strip(r);
  }

  // ── staff ─────────────────────────────────────────────────────────────────────────────────

  private async staffOrder(user: AuthUser, orderId: string) {
    const order = await this.db
      .selectFrom("orders as o")
      .innerJoin("stores as s", "s.id", "o.store_id")
      .select(["o.id", "o.store_id", "o.region_code", "o.channel", "o.status", "o.ready_estimate_at"])
      .where("o.id", "=", orderId)
      .executeTakeFirst();
    if (!order || (user.role !== "admin" && order.store_id !== user.storeId)) {
      throw notFound("We could not find that order.");
    }
    return order;
  }

  /** Staff override: the chosen driver (or the nearest available one) gets the delivery now. */
  async assignDelivery(user: AuthUser, input: TAssignDeliveryRequest) {
    const order = await this.staffOrder(user, input.orderId);
    if (order.channel !== "delivery") throw preconditionFailed("A carryout order has no delivery.");
    if (["out_for_delivery", "delivered", "picked_up", "cancelled"].includes(order.status)) {
      throw preconditionFailed(
        `The order is ${order.status.replace(/_/g, " ")}; it can no longer be assigned.`,
      );
    }
    if (order.status === "pending_payment") throw preconditionFailed("The order is not paid yet.");
    const row = await this.db
      .transaction()
      .execute((trx) => this.ensureDeliveryRow(trx, order.id, { evenIfAssigned: true }));
    if (!row) throw preconditionFailed("This delivery can no longer be assigned.");
    const ctx = await this.context(this.db, row.id);
    if (!ctx) throw notFound("We could not find that order.");
    const readyAt =
      order.status === "ready" ? Date.now() : Math.max(Date.now(), order.ready_estimate_at?.getTime() ?? 0);
    await this.request(ctx, readyAt);
    let driverId = input.driverId;
    if (driverId) {
      const d = await this.driverInfo(driverId);
      if (!d || d.storeId !== order.store_id) throw notFound("We could not find that driver at your store.");
    } else {
      const near = await this.deps.index.nearest(ctx.zone, ctx.pickup, { radiusM: 20_000, limit: 20 });
      for (const n of near) {
        const info = await this.driverInfo(n.driverId);
        if (info?.storeId === order.store_id && n.driverId !== ctx.driverId) {
          driverId = n.driverId;
          break;
        }
      }
      if (!driverId) throw preconditionFailed("No driver of your store is available right now.");
    }
    const res = await this.deps.dispatcher.assignTo(ctx.zone, ctx.id, driverId);
    if (!res.ok) {
      const why: Record<string, string> = {
        not_available: "That driver is not available (offline, on a break or on another delivery).",
        stale: "That driver's phone has not reported a position recently.",
        unknown_driver: "That driver is not online.",
        request_changed: "The delivery changed at the same moment; try again.",
      };
      throw preconditionFailed(why[res.reason] ?? "That driver cannot take this delivery.", {
        reason: res.reason,
      });
    }
    return this.getDeliveryStatus(user, order.id);
  }

  /** The store's drivers: who is where, doing what. */
  async roster(user: AuthUser, input: { storeId?: string | undefined }) {
    const storeId = user.role === "admin" ? (input.storeId ?? null) : user.storeId;
    if (!storeId) throw badRequest("Choose a store.", { field: "storeId" });
    if (user.role !== "admin" && input.storeId && input.storeId !== user.storeId) {
      throw notFound("We could not find that store.");
    }
    const store = await this.db
      .selectFrom("stores")
      .select(["id", "region_code"])
      .where("id", "=", storeId)
      .executeTakeFirst();
    if (!store) throw notFound("We could not find that store.");
    const drivers = await this.db
      .selectFrom("drivers as d")
      .innerJoin("users as u", "u.id", "d.user_id")
      .leftJoin("driver_shifts as sh", (j) =>
        j.onRef("sh.driver_id", "=", "d.user_id").on("sh.ended_at", "is", null),
      )
      .select(["d.user_id", "u.name", "d.vehicle", "sh.id as shift_id", "sh.started_at"])
      .where("d.home_store_id", "=", storeId)
      .orderBy("u.name")
      .execute();
    const ids = drivers.map((d) => d.user_id);
    const current =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom("deliveries as d")
            .innerJoin("orders as o", (j) =>
              j.onRef("o.id", "=", "d.order_id").onRef("o.region_code", "=", "d.region_code"),
            )
            .select(["d.id", "d.driver_id", "d.status", "d.order_id", "o.order_number"])
            .where("d.driver_id", "in", ids)
            .where("d.status", "in", ["assigned", "picked_up"])
            .execute();
    let ratings: Record<string, { average: number | null; count: number }> = {};
    try {
      if (this.deps.reviews && ids.length > 0) ratings = await this.deps.reviews.ratingsFor("driver", ids);
    } catch {
      ratings = {}; // reviews are non-critical: the roster shows no ratings while they are down
    }
    const out = [];
    for (const d of drivers) {
      const snap = await this.deps.index.getDriver(d.user_id, zoneOf(store.id));
      const state: DriverState = d.shift_id ? (snap?.state ?? "offline") : "offline";
      const cur = current.find((c) => c.driver_id === d.user_id);
      out.push({
        driverId: d.user_id,
        name: d.name,
        vehicle: d.vehicle,
        state,
        onShiftSince: iso(d.started_at ?? null),
        position: snap?.position
          ? { lat: snap.position.lat, lng: snap.position.lng, at: new Date(snap.position.ts).toISOString() }
          : null,
        fresh: snap?.fresh ?? false,
        rating: ratings[d.user_id] ?? null,
        offer: snap?.offer
          ? { deliveryId: snap.offer.deliveryId, expiresAt: new Date(snap.offer.deadline).toISOString() }
          : null,
        currentDelivery: cur
          ? {
              deliveryId: cur.id,
              orderId: cur.order_id,
              orderNumber: Number(cur.order_number),
              status: cur.status,
            }
          : null,
      });
    }
    return { storeId, drivers: out };
  }

  // ── everyone who may see it ───────────────────────────────────────────────────────────────

  /** The order's customer, its driver, its store's staff (and admins): driver, position, stage, ETAs. */
  async getDeliveryStatus(user: AuthUser, orderId: string) {
    const order = await this.db
      .selectFrom("orders")
      .select(["id", "customer_id", "store_id", "status", "channel", "region_code"])
      .where("id", "=", orderId)
      .executeTakeFirst();
    if (!order) throw notFound("We could not find that order.");
    const d = await this.db
      .selectFrom("deliveries")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirst();
    const ctx = d ? await this.context(this.db, d.id) : undefined;
    const staffView = user.role === "admin" || (user.role === "staff" && user.storeId === order.store_id);
    const allowed =
      staffView ||
      (user.role === "customer" && order.customer_id === user.id) ||
      (user.role === "driver" && ctx?.driverId === user.id);
    if (!allowed) throw notFound("We could not find that order.");
    if (!ctx) {
      return {
        orderId: order.id,
        orderStatus: order.status,
        stage: order.channel === "delivery" ? ("not_started" as const) : ("carryout" as const),
        driver: null,
        etaPickupAt: null,
        etaDropoffAt: null,
        explanation: null,
      };
    }
    let driver: {
      driverId: string;
      name: string;
      position: { lat: number; lng: number; at: string } | null;
    } | null = null;
    let etaPickupAt = iso(ctx.etaPickupAt);
    let etaDropoffAt = iso(ctx.etaDropoffAt);
    if (ctx.driverId && (ctx.status === "assigned" || ctx.status === "picked_up")) {
      const info = await this.driverInfo(ctx.driverId);
      const snap = await this.deps.index.getDriver(ctx.driverId, ctx.zone);
      const pos = snap?.position ?? null;
      driver = {
        driverId: ctx.driverId,
        name: info?.name ?? "Your driver",
        position: pos ? { lat: pos.lat, lng: pos.lng, at: new Date(pos.ts).toISOString() } : null,
      };
      const eta = await this.deps.dispatcher
        .etaFor(ctx.zone, ctx.id, { pickedUp: ctx.status === "picked_up" })
        .catch(() => null);
      if (eta) {
        const now = Date.now();
        etaPickupAt =
          ctx.status === "picked_up" ? etaPickupAt : new Date(now + eta.pickupS * 1000).toISOString();
        etaDropoffAt = new Date(now + eta.dropoffS * 1000).toISOString();
      }
    }
    return {
      orderId: order.id,
      orderStatus: order.status,
      stage: ctx.status,
      driver,
      etaPickupAt,
      etaDropoffAt,
      // Why this driver (candidates, distances, who declined): for the store only.
      explanation: staffView ? await this.explanationFor(ctx) : null,
    };
  }

  private async explanationFor(ctx: DeliveryContext) {
    const rec = await this.deps.dispatcher.status(ctx.zone, ctx.id).catch(() => null);
    const offers = await this.db
      .selectFrom("delivery_offers")
      .select(["driver_id", "status", "distance_m", "eta_s", "offered_at", "responded_at"])
      .where("delivery_id", "=", ctx.id)
      .orderBy("offered_at")
      .execute();
    return {
      ...((rec?.explanation ?? ctx.explanation ?? {}) as Partial<AssignmentExplanation>),
      declined: rec?.declined ?? offers.filter((o) => o.status === "declined").map((o) => o.driver_id),
      timedOut: rec?.timedOut ?? offers.filter((o) => o.status === "expired").map((o) => o.driver_id),
      offers: offers.map((o) => ({
        driverId: o.driver_id,
        status: o.status,
        distanceM: o.distance_m,
        pickupEtaS: o.eta_s,
        offeredAt: iso(o.offered_at),
        respondedAt: iso(o.responded_at),
      })),
    };
  }

  /** The live ETA the orders module shows on its tracking screen (its `etaProvider` hook). */
  async etaForOrder(orderId: string): Promise<Date | undefined> {
    const d = await this.db
      .selectFrom("deliveries")
      .select(["id", "store_id", "status"])
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    if (!d || (d.status !== "assigned" && d.status !== "picked_up")) return undefined;
    const eta = await this.deps.dispatcher
      .etaFor(zoneOf(d.store_id), d.id, { pickedUp: d.status === "picked_up" })
      .catch(() => null);
    return eta ? new Date(Date.now() + eta.dropoffS * 1000) : undefined;
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────────

  private async context(
    db: Db | Trx,
    deliveryId: string,
    forUpdate = false,
  ): Promise<DeliveryContext | undefined> {
    let q = db
      .selectFrom("deliveries as d")
      .innerJoin("orders as o", (j) =>
        j.onRef("o.id", "=", "d.order_id").onRef("o.region_code", "=", "d.region_code"),
      )
      .innerJoin("stores as s", "s.id", "d.store_id")
      .select([
        "d.id",
        "d.order_id",
        "d.region_code",
        "d.store_id",
        "d.driver_id",
        "d.status",
        "d.explanation",
        "d.eta_pickup_at",
        "d.eta_dropoff_at",
        "o.status as order_status",
        "o.order_number",
        "o.customer_id",
        "o.payment_method",
        "o.total",
        "o.tip",
        "o.delivery_fee",
        "o.currency",
        "o.address",
        "o.lat",
        "o.lng",
        "s.name as store_name",
        "s.address as store_address",
        "s.lat as store_lat",
        "s.lng as store_lng",
      ])
      .where("d.id", "=", deliveryId);
    if (forUpdate) q = q.forUpdate("d");
    const r = await q.executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      orderId: r.order_id,
      zone: zoneOf(r.store_id),
      storeId: r.store_id,
      driverId: r.driver_id,
      status: r.status,
      explanation: r.explanation,
      etaPickupAt: r.eta_pickup_at,
      etaDropoffAt: r.eta_dropoff_at,
      orderStatus: r.order_status,
      orderNumber: Number(r.order_number),
      customerId: r.customer_id,
      paymentMethod: r.payment_method,
      total: r.total,
      tip: r.tip,
      deliveryFee: r.delivery_fee,
      currency: r.currency.trim(),
      address: r.address,
      // A delivery order always has a location; the store's is a harmless fallback for old rows.
      dropoff: { lat: r.lat ?? r.store_lat, lng: r.lng ?? r.store_lng },
      pickup: { lat: r.store_lat, lng: r.store_lng },
      storeName: r.store_name,
      storeAddress: r.store_address,
    };
  }
}

function currentView(c: DeliveryContext): CurrentDeliveryView {
  return {
    deliveryId: c.id,
    orderId: c.orderId,
    orderNumber: c.orderNumber,
    status: c.status,
    store: {
      id: c.storeId,
      name: c.storeName,
      address: c.storeAddress,
      lat: c.pickup.lat,
      lng: c.pickup.lng,
    },
    dropoff: { lat: c.dropoff.lat, lng: c.dropoff.lng, address: c.address },
    paymentMethod: c.paymentMethod,
    cashDue: c.paymentMethod === "cash" ? c.total : 0,
    currency: c.currency,
    etaPickupAt: iso(c.etaPickupAt),
    etaDropoffAt: iso(c.etaDropoffAt),
  };
}

function strip(r: ActionResult & { fresh: boolean; zone: string }): ActionResult {
  return { deliveryId: r.deliveryId, orderId: r.orderId, status: r.status, at: r.at, replayed: r.replayed };
}
