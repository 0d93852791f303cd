import type { Database, Kysely } from "@pizza/db";
import type { Cache } from "../infra/cache.ts";
import { actsForStore } from "../modules/auth/store-access.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { type DeliveryLookup, noDeliveries } from "../modules/delivery/delivery-lookup.ts";
import { orderForTracking, ordersOutForDelivery, orderTimeline } from "../modules/orders/order-snapshot.ts";
import type { DriverPosition, OrderSnapshot } from "./events.ts";

/**
 * Where drivers' positions go besides the customers' screens. The dispatch/delivery module implements it
 * (its driver index, availability, ETAs) and plugs it in with `services.tracking.positionSink = …`.
 * It is called for every accepted position of an authenticated driver, delivering or not.
 */
export interface DriverPositionSink {
  onDriverPosition(driver: AuthUser, position: DriverPosition): void | Promise<void>;
}

export interface ActiveOrder {
  orderId: string;
  version: number;
}

export interface OrderAccess {
  id: string;
  customerId: string;
  storeId: string;
  driverId: string | null;
}

// Changes are also pushed (`invalidate`, on every node, when a delivery or an order leaves/enters delivery); the TTL
// only bounds how long a missed invalidation can leave positions going to the wrong rooms.
const ACTIVE_TTL_MS = 10_000;
const POSITION_TTL_MS = 5 * 60_000;
const SHARE_EVERY_MS = 2_000;

/**
 * Read side of live tracking: who may follow an order, an order's snapshot, which orders a driver is
 * delivering right now (cached briefly per node: positions arrive every second), and drivers' last positions.
 */
export class TrackingService {
  positionSink: DriverPositionSink | undefined;
  /**
   * Set by the Socket.IO server of this node: sends a position to the rooms of the orders the driver is
   * delivering (throttled); returns how many.
   */
  positionRelay: ((driverId: string, position: DriverPosition) => Promise<number>) | undefined;
  /** Who drives which order: the delivery module's answer, set by its wiring (`modules/delivery/delivery-lookup.ts`). */
  deliveries: DeliveryLookup;
  private readonly loading = new Map<string, Promise<ActiveOrder[]>>();
  private readonly positions = new Map<string, { position: DriverPosition; sharedAt: number }>();
  private readonly active = new Map<
    string,
    { orders: ActiveOrder[]; expiresAt: number; refreshing: boolean }
  >();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache: Cache,
  ) {
    this.deliveries = noDeliveries;
  }

  /**
   * A driver's position, from any source (the driver's socket, the simulated fleet): relayed to the
   * customers of the orders they have out for delivery, remembered for snapshots, and handed to the
   * dispatch side (`positionSink`). Returns to how many orders it was relayed.
   */
  async reportPosition(driver: AuthUser, position: DriverPosition): Promise<number> {
    const fannedOut = this.positionRelay ? await this.positionRelay(driver.id, position) : 0;
    void this.rememberPosition(driver.id, position).catch(() => undefined);
    await this.positionSink?.onDriverPosition(driver, position);
    return fannedOut;
  }

  async access(orderId: string): Promise<OrderAccess | undefined> {
    const order = await orderForTracking(this.db, orderId);
    if (!order) return undefined;
    return {
      id: order.id,
      customerId: order.customerId,
      storeId: order.storeId,
      driverId: await this.deliveries.driverOf(orderId),
    };
  }

  /** The customer of the order, the staff of its store, its driver, and admins may follow it. */
  mayFollow(user: AuthUser, order: OrderAccess): boolean {
    switch (user.role) {
      case "admin":
        return true;
      case "customer":
        return order.customerId === user.id;
      case "staff":
        return actsForStore(user, order.storeId);
      case "driver":
        return order.driverId === user.id;
      default:
        return false;
    }
  }

  async snapshot(orderId: string): Promise<OrderSnapshot | undefined> {
    const order = await orderForTracking(this.db, orderId);
    if (!order) return undefined;
    const timeline = await orderTimeline(this.db, order);
    let driver: OrderSnapshot["driver"] = null;
    if (order.status === "out_for_delivery") {
      const courier = await this.deliveries.courierOf(orderId);
      if (courier) driver = { ...courier, position: await this.lastPosition(courier.driverId) };
    }
    return {
      orderId: order.id,
      orderNumber: order.orderNumber,
      storeId: order.storeId,
      channel: order.channel,
      status: order.status,
      version: order.version,
      timeline,
      driver,
      at: new Date().toISOString(),
    };
  }

  /**
   * Orders this driver has out for delivery now: where their positions fan out to. Served from this
   * node's cache; an expired entry is still served while one background query refreshes it, so the
   * position path never waits for the database except for a driver seen for the first time or just
   * invalidated.
   */
  async activeOrdersOf(driverId: string): Promise<ActiveOrder[]> {
    const now = Date.now();
    const cached = this.active.get(driverId);
    if (cached) {
      if (cached.expiresAt <= now && !cached.refreshing) {
        cached.refreshing = true;
        void this.loadActive(driverId).catch(() => {
          cached.refreshing = false;
        });
      }
      return cached.orders;
    }
    return this.loadActive(driverId);
  }

  /** Loads a driver's active orders ahead of their first position (called when the driver connects). */
  warm(driverId: string): void {
    if (!this.active.has(driverId)) this.loadActive(driverId).catch(() => undefined);
  }

  /** The driver of an order's delivery, if any. */
  driverOf(orderId: string): Promise<string | null> {
    return this.deliveries.driverOf(orderId);
  }

  private loadActive(driverId: string): Promise<ActiveOrder[]> {
    // One query per driver at a time, however many positions arrive while it runs.
    const running = this.loading.get(driverId);
    if (running) return running;
    const load: Promise<ActiveOrder[]> = this.queryActive(driverId).then((orders) => {
      // An invalidation while the query ran makes its answer suspect: the next position asks again.
      if (this.loading.get(driverId) !== load) return orders;
      this.loading.delete(driverId);
      const now = Date.now();
      // Jittered, so the entries of drivers first seen together do not all expire together.
      this.active.set(driverId, {
        orders,
        expiresAt: now + ACTIVE_TTL_MS * (0.8 + Math.random() * 0.4),
        refreshing: false,
      });
      if (this.active.size > 50_000) this.sweep(now - ACTIVE_TTL_MS);
      return orders;
    });
    load.catch(() => {
      if (this.loading.get(driverId) === load) this.loading.delete(driverId);
    });
    this.loading.set(driverId, load);
    return load;
  }

  private async queryActive(driverId: string): Promise<ActiveOrder[]> {
    return ordersOutForDelivery(this.db, await this.deliveries.openDeliveriesOf(driverId));
  }

  /** Forget what this node cached about a driver's (or every driver's) deliveries: they just changed. */
  invalidate(driverId?: string): void {
    if (driverId) {
      this.active.delete(driverId);
      this.loading.delete(driverId);
    } else {
      this.active.clear();
      this.loading.clear();
    }
  }

  /**
   * Keeps a driver's last position for snapshots: in this node's memory always, and in the shared cache
   * (Redis with several nodes) at most every 2 s per driver — a late joiner on another node may see a
   * position up to 2 s old, then the live ones.
   */
  async rememberPosition(driverId: string, position: DriverPosition): Promise<void> {
    const now = Date.now();
    const local = this.positions.get(driverId);
    this.positions.set(driverId, { position, sharedAt: local?.sharedAt ?? 0 });
    if (this.positions.size > 100_000) this.positions.clear();
    if (local && now - local.sharedAt < SHARE_EVERY_MS) return;
    this.positions.get(driverId)!.sharedAt = now;
    await this.cache.set(`tracking:pos:${driverId}`, JSON.stringify(position), POSITION_TTL_MS);
  }

  async lastPosition(driverId: string): Promise<DriverPosition | null> {
    const local = this.positions.get(driverId)?.position;
    const raw = await this.cache.get(`tracking:pos:${driverId}`).catch(() => undefined);
    const shared = raw ? (JSON.parse(raw) as DriverPosition) : null;
    if (local && (!shared || local.at >= shared.at)) return local;
    return shared;
  }

  private sweep(now: number) {
    for (const [k, v] of this.active) if (v.expiresAt <= now) this.active.delete(k);
  }
}
