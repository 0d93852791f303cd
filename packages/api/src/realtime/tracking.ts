import type { Database, Kysely } from "@pizza/db";
import type { Cache } from "../infra/cache.ts";
import { actsForStore } from "../modules/auth/store-access.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { type DeliveryLookup, noDeliveries } from "../modules/delivery/delivery-lookup.ts";
import { orderForTracking, ordersOutForDelivery, orderTimeline } from "../modules/orders/order-snapshot.ts";
import { type ActiveOrder, ActiveOrdersCache } from "./active-orders-cache.ts";
import type { DriverPosition, OrderSnapshot } from "./events.ts";
import { positionStages } from "./position-stages.ts";
import { SharedPositions } from "./shared-positions.ts";

/**
 * Where drivers' positions go besides the customers' screens. The dispatch/delivery module implements it
 * (its driver index, availability, ETAs) and plugs it in with `services.tracking.positionSink = …`.
 * It is called for every accepted position of an authenticated driver, delivering or not.
 */
export interface DriverPositionSink {
  onDriverPosition(driver: AuthUser, position: DriverPosition): void | Promise<void>;
}

export type { ActiveOrder } from "./active-orders-cache.ts";

export interface OrderAccess {
  id: string;
  customerId: string;
  storeId: string;
  driverId: string | null;
}

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
  private readonly shared: SharedPositions;
  private readonly active = new ActiveOrdersCache((ids) => this.queryActive(ids));

  constructor(
    private readonly db: Kysely<Database>,
    cache: Cache,
  ) {
    this.shared = new SharedPositions(cache);
    this.deliveries = noDeliveries;
  }

  /**
   * A driver's position, from any source (the driver's socket, the simulated fleet): relayed to the
   * customers of the orders they have out for delivery, remembered for snapshots, and handed to the
   * dispatch side (`positionSink`). Returns to how many orders it was relayed.
   */
  async reportPosition(driver: AuthUser, position: DriverPosition): Promise<number> {
    const fannedOut = this.positionRelay ? await this.positionRelay(driver.id, position) : 0;
    this.rememberPosition(driver.id, position);
    const started = positionStages.enabled ? performance.now() : 0;
    await this.positionSink?.onDriverPosition(driver, position);
    if (started) positionStages.record("index", performance.now() - started);
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
   * node's cache (`active-orders-cache.ts`), so the position path waits for the database only for a driver
   * seen for the first time or just invalidated.
   */
  activeOrdersOf(driverId: string): Promise<ActiveOrder[]> {
    return this.active.get(driverId);
  }

  /** Loads a driver's active orders ahead of their first position (called when the driver connects). */
  warm(driverId: string): void {
    this.active.warm(driverId);
  }

  /** The driver of an order's delivery, if any. */
  driverOf(orderId: string): Promise<string | null> {
    return this.deliveries.driverOf(orderId);
  }

  private async queryActive(driverIds: readonly string[]): Promise<Map<string, ActiveOrder[]>> {
    const open = await this.deliveries.openDeliveriesOf(driverIds);
    const out = new Map(
      (await ordersOutForDelivery(this.db, [...open.values()].flat())).map((o) => [o.orderId, o]),
    );
    const found = new Map<string, ActiveOrder[]>();
    for (const [driverId, orderIds] of open) {
      const orders = orderIds.flatMap((id) => out.get(id) ?? []);
      if (orders.length > 0) found.set(driverId, orders);
    }
    return found;
  }

  /** Forget what this node cached about a driver's (or every driver's) deliveries: they just changed. */
  invalidate(driverId?: string): void {
    this.active.invalidate(driverId);
  }

  /** Keeps a driver's last position for snapshots (this node's memory, and the other nodes': `shared-positions.ts`). */
  rememberPosition(driverId: string, position: DriverPosition): void {
    this.shared.remember(driverId, position);
  }

  lastPosition(driverId: string): Promise<DriverPosition | null> {
    return this.shared.last(driverId);
  }
}
