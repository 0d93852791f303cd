// ETAs on a trip: each stop's door is reached after the pick-up (waiting for the last order of the trip
// to come out of the oven) and after the stops before it, so a customer sees their place on the route.
import type { DeliveryEta, EtaModel } from "./eta.ts";
import type { LatLng } from "./geo.ts";
import type { DeliveryRecord } from "./index/driver-index.ts";
import { round } from "./ranking.ts";

/** Seconds from `now` to the pick-up and to each stop's door for a driver at `from` driving the trip. */
export function tripEtas(
  eta: EtaModel,
  region: string,
  from: LatLng,
  stops: readonly DeliveryRecord[],
  now: number,
): { pickupS: number; dropoffS: Record<string, number> } {
  const m = eta.model(region);
  const pickupS = eta.travelS(region, from, stops[0]!.pickup);
  const readyS = Math.max(0, ...stops.map((s) => (s.readyAt - now) / 1000));
  return {
    pickupS: round(pickupS),
    dropoffS: legs(eta, region, stops[0]!.pickup, stops, Math.max(pickupS, readyS) + m.stopS),
  };
}

/** Arrival seconds at each stop, driving from `at` starting at `t` with a stop at each door before. */
function legs(eta: EtaModel, region: string, at: LatLng, stops: readonly DeliveryRecord[], t: number) {
  const out: Record<string, number> = {};
  stops.forEach((s, i) => {
    t += eta.travelS(region, at, s.dropoff) + (i > 0 ? eta.model(region).stopS : 0);
    at = s.dropoff;
    out[s.deliveryId] = round(t);
  });
  return out;
}

/** Where a delivery is on its trip: 1-based stop and how many stops the trip has. */
export interface TripPosition {
  tripId: string;
  stop: number;
  stops: number;
}

/**
 * Live ETA of `rec` on its trip from the driver at `from`. Before pick-up the whole route counts; after
 * it, only the stops still to be delivered before this one (completed stops are skipped).
 */
export function tripEtaFor(
  eta: EtaModel,
  rec: DeliveryRecord,
  stops: readonly DeliveryRecord[],
  from: LatLng,
  now: number,
  pickedUp: boolean,
): DeliveryEta & { trip: TripPosition } {
  const trip = {
    tripId: rec.trip!.tripId,
    stop: stops.findIndex((s) => s.deliveryId === rec.deliveryId) + 1,
    stops: stops.length,
  };
  if (!pickedUp) {
    const all = tripEtas(eta, rec.region, from, stops, now);
    return { pickupS: all.pickupS, dropoffS: all.dropoffS[rec.deliveryId]!, trip };
  }
  const ahead = stops
    .slice(0, trip.stop)
    .filter((s) => s.status !== "completed" || s.deliveryId === rec.deliveryId);
  return { pickupS: 0, dropoffS: legs(eta, rec.region, from, ahead, 0)[rec.deliveryId]!, trip };
}
