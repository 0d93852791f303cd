// With batching on, an attempt first looks for a partner: another waiting order of the same store, ready
// (or nearly), going the same way (batch-decision.ts). If the rule says yes, both are offered to one
// driver as one trip, claimed in one atomic step of the index: that driver gets both or neither.
import { randomUUID } from "node:crypto";
import { type BatchExplanation, type BatchRules, decideBatch } from "./batch-decision.ts";
import type {
  AssignmentExplanation,
  CandidateExplanation,
  DeliveryRecord,
  Fence,
  TripRef,
} from "./index/driver-index.ts";
import type { AttemptContext } from "./offer-attempt.ts";
import { rankCandidate } from "./ranking.ts";
import { tripEtas } from "./trip-eta.ts";

/** The best partner for `rec` and the rule's verdict; null when no other order of the store waits. */
export interface TripPlan {
  partner: DeliveryRecord | null;
  decision: BatchExplanation;
}

/** Other waiting orders of the same store due soon, each judged by the rule; a batchable one if any. */
export async function planTrip(
  d: AttemptContext,
  rules: BatchRules,
  rec: DeliveryRecord,
  now: number,
): Promise<TripPlan | null> {
  const waiting = await d.index.waitingBefore(rec.region, now + rules.readyWindowMs, 50);
  let best: TripPlan | null = null;
  for (const other of waiting) {
    if (other.deliveryId === rec.deliveryId) continue;
    const decision = decideBatch(d.eta, rec.region, rec, other, now, rules);
    if (decision.reason === "different pick-up") continue;
    if (
      !best ||
      (decision.batched && (!best.decision.batched || decision.detourMin < best.decision.detourMin))
    ) {
      best = { partner: decision.batched ? other : null, decision };
    }
  }
  return best;
}

/**
 * Offers `rec` and its partner as one trip to the best free driver near the store. Undefined when no
 * driver could take both, or the partner moved on meanwhile: the caller then offers `rec` alone.
 */
export async function offerTrip(
  d: AttemptContext,
  rec: DeliveryRecord,
  partner: DeliveryRecord,
  decision: BatchExplanation,
  fence: Fence | undefined,
): Promise<"offered" | undefined> {
  const now = d.clock.now();
  const byId = new Map([rec, partner].map((r) => [r.deliveryId, r]));
  const stops = decision.route.map((id) => byId.get(id)!);
  const exclude = [...new Set([rec, partner].flatMap((r) => [...r.declined, ...r.timedOut]))];
  const found = await d.index.nearest(rec.region, rec.pickup, {
    radiusM: d.searchRadiusM,
    limit: d.candidateLimit,
    exclude,
  });
  const tripReady = { ...rec, readyAt: Math.max(rec.readyAt, partner.readyAt) };
  const ranked = found
    .map((c) => ({ c, cand: rankCandidate(d.eta, tripReady, c.driverId, c.distanceM, now) }))
    .sort((a, b) => a.cand.score - b.cand.score);
  const considered = ranked.map((r) => r.cand);
  const lostRaces: string[] = [];
  const trip: TripRef = { tripId: randomUUID(), stops: decision.route };
  for (const { c, cand } of ranked) {
    const deadline = now + d.offerTimeoutMs;
    const etas = tripEtas(d.eta, rec.region, c.position, stops, now);
    const next = (r: DeliveryRecord): DeliveryRecord => ({
      ...r,
      status: "offered",
      driverId: c.driverId,
      offerDeadline: deadline,
      attempts: r.attempts + 1,
      trip,
      explanation: tripExplanation(
        now,
        considered,
        cand,
        lostRaces,
        decision,
        etas.dropoffS[r.deliveryId]!,
        trip,
        r,
      ),
    });
    const res = await d.index.claim(rec.region, c.driverId, rec.deliveryId, {
      deadline,
      record: { next: next(rec), expectedVersion: rec.version },
      companions: [{ deliveryId: partner.deliveryId, next: next(partner), expectedVersion: partner.version }],
      ...(fence === undefined ? {} : { fence }),
    });
    if (res.ok) {
      for (const r of stops) {
        const explanation = next(r).explanation!;
        await d.emit({
          type: "offer_made",
          deliveryId: r.deliveryId,
          region: rec.region,
          driverId: c.driverId,
          deadline,
          explanation,
          trip,
          at: now,
        });
      }
      return "offered";
    }
    if (res.reason === "request_changed" || res.reason === "fenced") return undefined;
    lostRaces.push(c.driverId);
  }
  return undefined;
}

function tripExplanation(
  now: number,
  candidates: CandidateExplanation[],
  chosen: CandidateExplanation,
  lostRaces: string[],
  batch: BatchExplanation,
  dropoffEtaS: number,
  trip: TripRef,
  r: DeliveryRecord,
): AssignmentExplanation {
  const stop = trip.stops.indexOf(r.deliveryId) + 1;
  return {
    at: now,
    candidates,
    chosen,
    dropoffEtaS,
    lostRaces: [...lostRaces],
    note: `nearest available, trip of ${trip.stops.length} (stop ${stop})`,
    // Each stop's explanation is its own: `first` is this order, `second` its partner on the trip.
    batch: {
      ...batch,
      first: r.deliveryId,
      second: trip.stops.find((id) => id !== r.deliveryId) ?? batch.second,
    },
  };
}
