// The evening's drivers, as the driver app works: online at their store, a position every 4 s over
// Socket.IO, offers pushed to them (`driver:delivery`) and accepted at once (declined while they are out),
// the order's room joined to hear when the kitchen is done, picked up, driven to the door (positions on the
// way, which the customer's tracker receives) and delivered. No polling: the only requests a driver sends
// are the ones a person taps.
import { randomUUID } from "node:crypto";
import type { DriverDeliveryEvent, OrderSnapshot, OrderStatusEvent } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import { io } from "socket.io-client";
import { aDrillDriver } from "../../drills/drivers.ts";
import type { AccessTokens } from "../../src/modules/auth/tokens.ts";
import { errorKind } from "./open-loop.ts";
import type { AppSocket } from "./peak-customers.ts";

/** How often a driver's app reports where it is (the 4 s). */
export const POSITION_EVERY_MS = 4_000;
/** From the counter to the door, compressed like the kitchen: long enough for two positions on the way. */
export const DRIVE_MS = 9_000;
/** A driver at the counter stops waiting for the kitchen after this long and tries anyway. */
const READY_WAIT_MS = 60_000;
const AFTER_STATUSES = new Set(["ready", "out_for_delivery", "delivered"]);

export interface FleetStats {
  offered: number;
  accepted: number;
  declined: number;
  delivered: number;
  positions: number;
  /** Requests refused or failed, by call and kind (a driver carries on with the next offer). */
  errors: Record<string, number>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPeakDrivers(opts: {
  db: Kysely<Database>;
  url: string;
  tokens: AccessTokens;
  drivers: number;
  store: { id: string };
  until: () => boolean;
  stats: FleetStats;
  /** What the customer says at the door when the order needs their handover code. */
  codeAtTheDoor: (orderId: string) => Promise<string | undefined>;
}): Promise<void> {
  const { stats } = opts;
  const store = await opts.db
    .selectFrom("stores")
    .select(["lat", "lng"])
    .where("id", "=", opts.store.id)
    .executeTakeFirstOrThrow();
  const home = { lat: Number(store.lat), lng: Number(store.lng) };
  const failed = (call: string, error: unknown) => {
    const kind = `${call} ${errorKind(error)}`;
    stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
  };

  async function driver(i: number) {
    const { api, token } = await aDrillDriver({
      db: opts.db,
      tokens: opts.tokens,
      url: opts.url,
      storeId: opts.store.id,
      name: `Peak driver ${i}`,
    });
    // Around the store, a little apart from each other.
    const parked = { lat: home.lat + (i % 5) * 0.0005, lng: home.lng + Math.floor(i / 5) * 0.0005 };
    let here = parked;
    const socket: AppSocket = io(opts.url, { auth: { token }, transports: ["websocket"] });
    const report = () =>
      socket.emit("driver:position", { ...here, at: Date.now() }, (r) => {
        if (r.ok) stats.positions++;
      });
    const timer = setInterval(report, POSITION_EVERY_MS);
    // The order this driver is waiting on at the counter, and what wakes it up.
    let waiting: { orderId: string; ready: () => void } | undefined;
    const heard = (e: OrderSnapshot | OrderStatusEvent) => {
      if (waiting?.orderId === e.orderId && AFTER_STATUSES.has(e.status)) waiting.ready();
    };
    socket.on("order:snapshot", heard);
    socket.on("order:status", heard);

    let busy = false;
    async function take(offerId: string) {
      busy = true;
      try {
        const taken = await api.delivery.acceptOffer
          .mutate({ offerId })
          .catch((e) => failed("acceptOffer", e));
        if (!taken) return;
        stats.accepted++;
        const ready = new Promise<void>((resolve) => {
          waiting = { orderId: taken.orderId, ready: resolve };
        });
        socket.emit("order:join", { orderId: taken.orderId }, () => undefined);
        await Promise.race([ready, pause(READY_WAIT_MS)]);
        waiting = undefined;
        const pickedUp = await api.delivery.markPickedUp
          .mutate({
            deliveryId: taken.deliveryId,
            clientActionId: randomUUID(),
            checks: ["order", "items", "drinks"],
          })
          .catch((e) => failed("markPickedUp", e));
        if (!pickedUp) return;
        // On the road: halfway, then at the door; the 4-s reports carry these to the customer's tracker.
        here = { lat: (here.lat + taken.dropoff.lat) / 2, lng: (here.lng + taken.dropoff.lng) / 2 };
        await pause(DRIVE_MS / 2);
        here = { lat: taken.dropoff.lat, lng: taken.dropoff.lng };
        report(); // at the door: the app says so before the driver taps "delivered"
        await pause(DRIVE_MS / 2);
        const code = taken.codeRequired
          ? await opts.codeAtTheDoor(taken.orderId).catch((e) => void failed("trackOrder (the code)", e))
          : undefined;
        const delivered = await api.delivery.markDelivered
          .mutate({
            deliveryId: taken.deliveryId,
            clientActionId: randomUUID(),
            ...(taken.cashDue > 0 ? { cashCollected: taken.cashDue } : {}),
            ...(code ? { handoverCode: code } : {}),
          })
          .catch((e) => failed("markDelivered", e));
        if (delivered) stats.delivered++;
        socket.emit("order:leave", { orderId: taken.orderId });
      } finally {
        here = parked;
        busy = false;
      }
    }

    socket.on("driver:delivery", (e: DriverDeliveryEvent) => {
      if (e.topic !== "delivery.offered" || opts.until()) return;
      stats.offered++;
      const { offerId } = e.payload;
      if (busy) {
        stats.declined++;
        void api.delivery.declineOffer.mutate({ offerId }).catch((err) => failed("declineOffer", err));
        return;
      }
      void take(offerId).catch((err) => failed("delivery", err));
    });
    try {
      report();
      // A busy load balancer may turn the first try away: online is where every driver's evening starts.
      for (let tries = 0; ; tries++) {
        const online = await api.delivery.goOnline.mutate({ storeId: opts.store.id }).then(
          () => true,
          (e) => void failed("goOnline", e),
        );
        if (online || tries === 10) break;
        await pause(1_000);
      }
      while (!opts.until() || busy) await pause(250);
    } finally {
      clearInterval(timer);
      socket.disconnect();
    }
  }
  await Promise.all(Array.from({ length: opts.drivers }, (_, i) => driver(i)));
}
