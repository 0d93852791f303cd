// The dispatch engine's numbers on /metrics (API nodes and dispatchers): positions fed to the index,
// the index's counters, and on a stand-alone dispatcher its zone leases.
import type { RedisZoneLeases } from "@pizza/dispatch";
import { Gauge, type Registry } from "prom-client";
import type { DeliveryService } from "./delivery.service.ts";

export function registerDispatchMetrics(
  registry: Registry,
  service: DeliveryService,
  leases: RedisZoneLeases | undefined,
): void {
  new Gauge({
    name: "dispatch_positions_total",
    help: "Driver positions fed to the dispatch index on this node, by outcome (accepted, invalid, future, stale, unknown_driver)",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      const s = service.positionStats;
      this.set({ outcome: "accepted" }, s.accepted);
      this.set({ outcome: "invalid" }, s.refused.invalid);
      this.set({ outcome: "future" }, s.refused.future);
      this.set({ outcome: "stale" }, s.refused.stale);
      this.set({ outcome: "unknown_driver" }, s.unknownDriver);
    },
  });
  new Gauge({
    name: "dispatch_index_events_total",
    help: "Dispatch index counters on this node (claims won/lost, offers expired)",
    labelNames: ["event"],
    registers: [registry],
    collect() {
      const m = service.index.metrics();
      this.set({ event: "claims_won" }, m.claimsWon);
      this.set({ event: "claims_lost" }, m.claimsLost);
      this.set({ event: "offers_expired" }, m.offersExpired);
    },
  });
  if (!leases) return;
  new Gauge({
    name: "dispatch_zones_held",
    help: "Dispatch zones (stores) whose lease this dispatcher holds",
    registers: [registry],
    collect() {
      this.set(leases.held().length);
    },
  });
  new Gauge({
    name: "dispatch_dispatchers_live",
    help: "Dispatchers heartbeating, as this one last counted them",
    registers: [registry],
    collect() {
      this.set(leases.live);
    },
  });
  new Gauge({
    name: "dispatch_zone_leases_total",
    help: "Zone leases this dispatcher acquired, lost (not renewed in time) and released (rebalancing, shutdown)",
    labelNames: ["event"],
    registers: [registry],
    collect() {
      for (const [event, n] of Object.entries(leases.counts)) this.set({ event }, n);
    },
  });
}
