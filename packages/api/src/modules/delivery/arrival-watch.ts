// "Your driver is arriving": on every accepted driver position, is the driver within ~500 m of an order's
// drop-off, or ~2 minutes by the ETA model? This runs on the realtime hot path, so per position it does only
// memory work: the driver's orders out for delivery come from the tracker's cache (already loaded for the
// position's fan-out), each order's drop-off point from this node's cache (read once per order per node, in
// the background), then a haversine. The first time the answer is yes, one conditional UPDATE sets
// `deliveries.arriving_at` and writes `delivery.arriving` in the same transaction: whichever node sees it
// first wins, every other attempt (another node, a retry) updates no row and writes nothing.

import { haversineM, type LatLng } from "@pizza/dispatch";
import { writeOutbox } from "../../infra/outbox.ts";
import type { DriverPosition } from "../../realtime/events.ts";
import { ordersForDispatch } from "../orders/order-for-dispatch.ts";
import { zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

export interface ArrivalRule {
  /** Straight-line metres to the drop-off under which the driver is arriving. */
  radiusM: number;
  /** Or: seconds to the drop-off by the ETA model. */
  etaS: number;
}

export const ARRIVAL_RULE: ArrivalRule = { radiusM: 500, etaS: 120 };

export interface Dropoff {
  deliveryId: string;
  orderId: string;
  storeId: string;
  customerId: string;
  zone: string;
  point: LatLng;
  /** Already announced (by this node, or found set in the database). */
  done: boolean;
  seenAt: number;
}

const MAX_ENTRIES = 50_000;
const ENTRY_TTL_MS = 3 * 3_600_000;

export class ArrivalWatch {
  private readonly dropoffs = new Map<string, Dropoff | "loading" | null>();

  constructor(
    private readonly rt: DeliveryRuntime,
    private readonly rule: ArrivalRule = ARRIVAL_RULE,
  ) {}

  /** Checks one position; never waits for the database (loads and the one write run in the background). */
  async check(driverId: string, position: DriverPosition): Promise<void> {
    const orders = await this.rt.tracking.activeOrdersOf(driverId);
    for (const { orderId } of orders) {
      const d = this.dropoffs.get(orderId);
      if (d === undefined) this.load(orderId);
      if (!d || d === "loading" || d.done) continue;
      const distanceM = haversineM(position, d.point);
      const etaS = this.rt.dispatcher.eta.travelSForDistance(d.zone, distanceM);
      if (distanceM > this.rule.radiusM && etaS > this.rule.etaS) continue;
      d.done = true;
      void this.announce(d, driverId, distanceM, etaS).catch((error: unknown) => {
        d.done = false;
        this.rt.log.warn({ err: error, orderId }, "could not record that the driver is arriving");
      });
    }
  }

  /** Sets `arriving_at` once and writes the event with it; false when another node (or attempt) did. */
  async announce(d: Dropoff, driverId: string, distanceM: number, etaS: number): Promise<boolean> {
    const at = new Date();
    return this.rt.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("deliveries")
        .set({ arriving_at: at })
        .where("id", "=", d.deliveryId)
        .where("status", "=", "picked_up")
        .where("arriving_at", "is", null)
        .returning("id")
        .executeTakeFirst();
      if (!row) return false;
      await writeOutbox(trx, {
        topic: "delivery.arriving",
        aggregateId: d.orderId,
        payload: {
          deliveryId: d.deliveryId,
          orderId: d.orderId,
          storeId: d.storeId,
          customerId: d.customerId,
          driverId,
          at: at.toISOString(),
          distanceM: Math.round(distanceM),
          etaS: Math.round(etaS),
        },
      });
      return true;
    });
  }

  private load(orderId: string): void {
    this.dropoffs.set(orderId, "loading");
    if (this.dropoffs.size > MAX_ENTRIES) this.sweep();
    void this.read(orderId)
      .then((d) => this.dropoffs.set(orderId, d))
      .catch((error: unknown) => {
        this.dropoffs.delete(orderId);
        this.rt.log.warn({ err: error, orderId }, "could not read a drop-off point");
      });
  }

  private async read(orderId: string): Promise<Dropoff | null> {
    const [order, delivery] = await Promise.all([
      ordersForDispatch(this.rt.db, [orderId]).then((m) => m.get(orderId)),
      this.rt.db
        .selectFrom("deliveries")
        .select(["id", "arriving_at"])
        .where("order_id", "=", orderId)
        .executeTakeFirst(),
    ]);
    if (!order || !delivery || order.lat === null || order.lng === null) return null;
    return {
      deliveryId: delivery.id,
      orderId,
      storeId: order.storeId,
      customerId: order.customerId,
      zone: zoneOf(order.storeId),
      point: { lat: order.lat, lng: order.lng },
      done: delivery.arriving_at !== null,
      seenAt: Date.now(),
    };
  }

  private sweep(): void {
    const old = Date.now() - ENTRY_TTL_MS;
    for (const [k, v] of this.dropoffs)
      if (v === null || (v !== "loading" && v.seenAt < old)) this.dropoffs.delete(k);
  }
}
