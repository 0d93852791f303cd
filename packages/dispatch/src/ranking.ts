// How the dispatcher ranks drivers for one delivery and explains its choice: pure functions of the
// delivery, the candidates' distances and the ETA model.
import type { EtaModel } from "./eta.ts";
import type { LatLng } from "./geo.ts";
import type { AssignmentExplanation, CandidateExplanation, DeliveryRecord } from "./index/driver-index.ts";

/** A driver `distanceM` from the pick-up, scored by drive time plus the minutes the pizza would wait. */
export function rankCandidate(
  eta: EtaModel,
  rec: DeliveryRecord,
  driverId: string,
  distanceM: number,
  now: number,
): CandidateExplanation {
  const pickupEtaS = eta.travelSForDistance(rec.region, distanceM);
  // Minutes a pizza waits for its driver weigh in on top of the drive; ranking stays "nearest first"
  // for ready orders, and an early arrival costs nothing (the driver waits for the oven).
  const lateS = Math.max(0, now + pickupEtaS * 1000 - rec.readyAt) / 1000;
  return { driverId, distanceM, pickupEtaS: round(pickupEtaS), score: round(pickupEtaS + lateS) };
}

/** Why the dispatcher did what it did at `now`, with the drop-off ETA from `from`. */
export function explainChoice(
  eta: EtaModel,
  now: number,
  candidates: CandidateExplanation[],
  chosen: CandidateExplanation | null,
  rec: DeliveryRecord,
  from: LatLng,
  lostRaces: string[],
  note: string,
): AssignmentExplanation {
  const waitS = Math.max(0, rec.readyAt - now) / 1000;
  return {
    at: now,
    candidates,
    chosen,
    dropoffEtaS: round(eta.delivery(rec.region, from, rec.pickup, rec.dropoff, waitS).dropoffS),
    lostRaces: [...lostRaces],
    note,
  };
}

/** One decimal: seconds and metres in explanations. */
export function round(x: number): number {
  return Math.round(x * 10) / 10;
}
