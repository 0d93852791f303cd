// The dispatch engine's moving parts in a process that runs it (an API node with DISPATCH=on, or a
// stand-alone dispatcher): the kitchen-event consumers that start, move forward and cancel dispatch,
// the tick, the repair sweep, and on a dispatcher the zone leases that say which zones it decides for.
import type { Database, Kysely } from "@pizza/db";
import type { RedisClient } from "@pizza/dispatch";
import { type Dispatcher, RedisZoneLeases, type ZoneGate } from "@pizza/dispatch";
import type { Logger } from "pino";
import type { Config } from "../../env.ts";
import { type EventsRuntime, orderReadyConsumer } from "../../events/consumers.ts";
import { storesForDispatch } from "../stores/store-for-dispatch.ts";
import type { DeliveryService } from "./delivery.service.ts";
import { zoneOf } from "./delivery-context.ts";

/**
 * The kitchen's events that drive dispatch. The consumer groups are named the same in every process,
 * so any number of engines share the events (each event handled once, by one of them).
 */
export function registerDispatchConsumers(events: EventsRuntime, service: DeliveryService): void {
  events.register(orderReadyConsumer((payload, trx) => service.onOrderReady(payload, trx)));
  events.register({
    name: "delivery.order-baking",
    topics: ["order.status_changed"],
    // Only a delivery order going into the oven opens its delivery (on-order-ready.ts).
    wants: (event) => event.payload.channel === "delivery" && event.payload.status === "baking",
    handle: (event, trx) => service.onOrderStatusChanged(event.payload, trx),
  });
  events.register({
    name: "delivery.order-cancelled",
    topics: ["order.cancelled"],
    handle: (event, trx) => service.onOrderCancelled(event.payload, trx),
  });
}

/**
 * One lease per dispatch zone (a store, `zoneOf`) in the driver index's Redis, shared out over the
 * dispatchers that heartbeat (see packages/dispatch/README.md, "Several dispatchers").
 */
export function createZoneLeases(redis: RedisClient, db: Kysely<Database>, config: Config, log: Logger) {
  return new RedisZoneLeases({
    redis,
    keyPrefix: "dispatch:",
    zones: async () => [...(await storesForDispatch(db)).keys()].map(zoneOf),
    ttlMs: config.dispatch.leaseTtlMs,
    renewMs: config.dispatch.leaseRenewMs,
    onChange: ({ zone, event, token }) =>
      (event === "lost" ? log.warn : log.info).call(log, { zone, token }, `dispatch zone ${event}`),
    onError: (err) => log.warn({ err }, "zone lease round failed"),
  });
}

/**
 * The dispatch tick every `tickMs` and the repair sweep every 10 s (none when tickMs is 0, as in tests).
 * With a zone gate the sweep repairs only the zones this process holds.
 */
export function startDispatchLoops(
  dispatcher: Dispatcher,
  service: DeliveryService,
  opts: { tickMs: number; sweepMs?: number; zones?: ZoneGate | undefined; log: Logger },
) {
  const timers: NodeJS.Timeout[] = [];
  let ticking: Promise<unknown> = Promise.resolve();
  if (opts.tickMs > 0) {
    timers.push(
      setInterval(() => {
        ticking = dispatcher.tick();
      }, opts.tickMs),
    );
    let sweeping = false;
    timers.push(
      setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        void service
          .sweep(200, opts.zones?.held())
          .catch((error) => opts.log.warn({ err: error }, "delivery sweep failed"))
          .finally(() => {
            sweeping = false;
          });
      }, opts.sweepMs ?? 10_000),
    );
  }
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await ticking.catch(() => undefined);
    },
  };
}
