// Whether two delivery orders of one store go out as one trip: a pure function of the two orders, the
// time and the ETA model, so the rule can be tested alone and its reasons recorded as they were.
import type { EtaModel } from "./eta.ts";
import { bearingDeg, haversineM, type LatLng } from "./geo.ts";

/** When two orders may share a trip. */
export interface BatchRules {
  /** Most either order may arrive later than it would alone. Default 5 min. */
  maxDelayMs: number;
  /** A partner not ready yet may join if it will be ready within this long. Default 5 min. */
  readyWindowMs: number;
  /** Most the two directions (store → door) may differ. Default 45°. */
  maxBearingDiffDeg: number;
  /** Pick-ups farther apart than this are not one store. Default 50 m. */
  samePickupM: number;
}

export const DEFAULT_BATCH_RULES: BatchRules = {
  maxDelayMs: 5 * 60_000,
  readyWindowMs: 5 * 60_000,
  maxBearingDiffDeg: 45,
  samePickupM: 50,
};

/** The part of a delivery the rule looks at. */
export interface BatchOrder {
  deliveryId: string;
  pickup: LatLng;
  dropoff: LatLng;
  readyAt: number;
}

/** Why two orders were (or were not) put on one trip; kept in both orders' explanations. */
export interface BatchExplanation {
  batched: boolean;
  /** The order this explanation belongs to (the one the dispatcher was working on), and its partner. */
  first: string;
  second: string;
  /** Stops in route order (empty when not batched). */
  route: string[];
  /** Seconds each order would arrive later on the trip than alone (by deliveryId). */
  delayS: Record<string, number>;
  /** The larger of the two delays, in minutes, against the limit. */
  detourMin: number;
  maxDelayMin: number;
  bearingDiffDeg: number;
  maxBearingDiffDeg: number;
  readyAt: Record<string, number>;
  reason: string;
}

/** Angle between two bearings, 0..180. */
export function bearingDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/**
 * Seconds from `now` until each order's door on a route from the store, the driver there at `now`
 * (the worst case: a driver who arrives later waits less for the oven) leaving when all are ready.
 */
export function routeArrivals(
  eta: EtaModel,
  region: string,
  stops: readonly BatchOrder[],
  now: number,
): Record<string, number> {
  const m = eta.model(region);
  const readyS = Math.max(0, ...stops.map((s) => (s.readyAt - now) / 1000));
  let t = readyS + m.stopS;
  let at = stops[0]!.pickup;
  const out: Record<string, number> = {};
  stops.forEach((s, i) => {
    t += eta.travelS(region, at, s.dropoff) + (i > 0 ? m.stopS : 0);
    at = s.dropoff;
    out[s.deliveryId] = t;
  });
  return out;
}

/**
 * The rule: same store, both ready (or ready within the window), similar direction, and on the better
 * of the two routes neither order arrives more than `maxDelayMs` later than it would alone. The route
 * is the one with the smaller worst delay (nearer door first on a tie).
 */
export function decideBatch(
  eta: EtaModel,
  region: string,
  first: BatchOrder,
  second: BatchOrder,
  now: number,
  rules: BatchRules = DEFAULT_BATCH_RULES,
): BatchExplanation {
  const bearingDiffDeg = round1(
    bearingDiff(bearingDeg(first.pickup, first.dropoff), bearingDeg(second.pickup, second.dropoff)),
  );
  const base = {
    first: first.deliveryId,
    second: second.deliveryId,
    maxDelayMin: round1(rules.maxDelayMs / 60_000),
    bearingDiffDeg,
    maxBearingDiffDeg: rules.maxBearingDiffDeg,
    readyAt: { [first.deliveryId]: first.readyAt, [second.deliveryId]: second.readyAt },
  };
  const no = (reason: string, delayS: Record<string, number> = {}): BatchExplanation => ({
    ...base,
    batched: false,
    route: [],
    delayS,
    detourMin: round1(Math.max(0, ...Object.values(delayS)) / 60),
    reason,
  });
  if (haversineM(first.pickup, second.pickup) > rules.samePickupM) return no("different pick-up");
  const latest = now + rules.readyWindowMs;
  if (first.readyAt > latest || second.readyAt > latest) return no("not ready within the window");
  if (bearingDiffDeg > rules.maxBearingDiffDeg) return no("different directions");
  const alone = {
    ...routeArrivals(eta, region, [first], now),
    ...routeArrivals(eta, region, [second], now),
  };
  const routes = [
    [first, second],
    [second, first],
  ].map((stops) => {
    const arrive = routeArrivals(eta, region, stops, now);
    const delayS = Object.fromEntries(
      stops.map((s) => [s.deliveryId, round1(arrive[s.deliveryId]! - alone[s.deliveryId]!)]),
    );
    return {
      stops,
      delayS,
      worst: Math.max(...Object.values(delayS)),
      firstLeg: alone[stops[0]!.deliveryId]!,
    };
  });
  routes.sort((a, b) => a.worst - b.worst || a.firstLeg - b.firstLeg);
  const best = routes[0]!;
  if (best.worst > rules.maxDelayMs / 1000) return no("detour too long", best.delayS);
  return {
    ...base,
    batched: true,
    route: best.stops.map((s) => s.deliveryId),
    delayS: best.delayS,
    detourMin: round1(Math.max(0, best.worst) / 60),
    reason: "same store, same direction, short detour",
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
