// One assignment attempt of the dispatcher: search the index in rounds, rank, claim the best driver
// who is still free (losing a race to another node moves on to the next), or defer until the oven.

import type { BatchExplanation, BatchRules } from "./batch-decision.ts";
import type { Clock } from "./clock.ts";
import type { DispatchEvent } from "./dispatch-types.ts";
import type { EtaModel } from "./eta.ts";
import type { LatLng } from "./geo.ts";
import type {
  AssignmentExplanation,
  CandidateExplanation,
  DeliveryRecord,
  DriverIndex,
  Fence,
} from "./index/driver-index.ts";
import { explainChoice, rankCandidate } from "./ranking.ts";
import { offerTrip, planTrip } from "./trip-attempt.ts";

export type AttemptOutcome = "offered" | "no_driver" | "deferred" | "skipped";

/** What an attempt needs of its dispatcher. */
export interface AttemptContext {
  readonly index: DriverIndex;
  readonly clock: Clock;
  readonly eta: EtaModel;
  readonly offerTimeoutMs: number;
  readonly searchRadiusM: number;
  readonly candidateLimit: number;
  readonly retryAfterMs: number;
  /** Batching on: when two orders may share a trip (batch-decision.ts); null: one order per driver. */
  readonly batchRules: BatchRules | null;
  emit(event: DispatchEvent): Promise<void>;
}

const SEARCH_ROUNDS = 3;

/**
 * One assignment attempt for a waiting delivery at `rec.version`: offer it to the best driver who can be
 * claimed, wait for the oven, or record that nobody was found. Every write carries `fence` (the zone
 * lease's token, when dispatchers share zones by lease), so a dispatcher that lost the zone writes nothing.
 */
export async function attemptOffer(
  d: AttemptContext,
  rec: DeliveryRecord,
  fence?: Fence,
): Promise<AttemptOutcome> {
  if (rec.status !== "waiting") return "skipped";
  const now = d.clock.now();
  const exclude = [...rec.declined, ...rec.timedOut];
  const lostRaces: string[] = [];
  let considered: CandidateExplanation[] = [];
  let batch: BatchExplanation | undefined;
  if (d.batchRules) {
    const plan = await planTrip(d, d.batchRules, rec, now);
    if (plan?.partner && (await offerTrip(d, rec, plan.partner, plan.decision, fence))) return "offered";
    batch = plan?.decision;
  }
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    const found = await d.index.nearest(rec.region, rec.pickup, {
      radiusM: d.searchRadiusM,
      limit: d.candidateLimit,
      exclude: [...exclude, ...lostRaces],
    });
    if (found.length === 0) break;
    const ranked = found
      .map((c) => ({ c, cand: rankCandidate(d.eta, rec, c.driverId, c.distanceM, now) }))
      .sort((a, b) => a.cand.score - b.cand.score);
    if (round === 0) considered = ranked.map((r) => r.cand);
    const best = ranked[0]!;
    // Timed to the oven: start offering only when the best driver, allowing them the whole offer
    // window to accept, would otherwise arrive before the pizza is out.
    const startAt = rec.readyAt - best.cand.pickupEtaS * 1000 - d.offerTimeoutMs;
    if (round === 0 && startAt > now + 1_000) {
      const deferred = await d.index.putRequest(
        {
          ...rec,
          explanation: explainChoice(
            d.eta,
            now,
            considered,
            null,
            rec,
            rec.pickup,
            lostRaces,
            "waiting for the oven",
          ),
        },
        { expectedVersion: rec.version, dueAt: startAt, ...fenced(fence) },
      );
      return deferred ? "deferred" : "skipped";
    }
    const claimed = await offerToFirstFree(d, rec, ranked, { considered, lostRaces, now, fence, batch });
    if (claimed) return claimed;
  }
  return recordNoDriver(d, rec, { considered, lostRaces, now, fence, batch });
}

type Ranked = { c: { driverId: string; position: LatLng }; cand: CandidateExplanation };

/** What one attempt has learnt so far, and the fence its writes carry. */
interface AttemptState {
  considered: CandidateExplanation[];
  lostRaces: string[];
  now: number;
  fence: Fence | undefined;
  /** Why the order was not put on a trip (batching on and another order of the store waiting). */
  batch?: BatchExplanation | undefined;
}

const fenced = (fence: Fence | undefined) => (fence === undefined ? {} : { fence });

const withBatch = (batch: BatchExplanation | undefined, e: AssignmentExplanation): AssignmentExplanation =>
  batch ? { ...e, batch } : e;

/**
 * Offers the delivery to the ranked drivers in turn until one is claimed; a driver another node claimed
 * first is remembered as a lost race. Undefined when every one was taken.
 */
async function offerToFirstFree(
  d: AttemptContext,
  rec: DeliveryRecord,
  ranked: Ranked[],
  { considered, lostRaces, now, fence, batch }: AttemptState,
): Promise<"offered" | "skipped" | undefined> {
  for (const { c, cand } of ranked) {
    const deadline = now + d.offerTimeoutMs;
    const explanation = withBatch(
      batch,
      explainChoice(d.eta, now, considered, cand, rec, c.position, lostRaces, "nearest available"),
    );
    const next: DeliveryRecord = {
      ...rec,
      status: "offered",
      driverId: c.driverId,
      offerDeadline: deadline,
      attempts: rec.attempts + 1,
      explanation,
    };
    const res = await d.index.claim(rec.region, c.driverId, rec.deliveryId, {
      deadline,
      record: { next, expectedVersion: rec.version },
      ...fenced(fence),
    });
    if (res.ok) {
      await d.emit({
        type: "offer_made",
        deliveryId: rec.deliveryId,
        region: rec.region,
        driverId: c.driverId,
        deadline,
        explanation,
        at: now,
      });
      return "offered";
    }
    // Someone else moved the delivery on, or this dispatcher lost the zone: nothing more to do here.
    if (res.reason === "request_changed" || res.reason === "fenced") return "skipped";
    lostRaces.push(c.driverId);
    if (!considered.some((x) => x.driverId === cand.driverId)) considered.push(cand);
  }
  return undefined;
}

/** Nobody could be claimed: keep the explanation and look again after `retryAfterMs`. */
async function recordNoDriver(
  d: AttemptContext,
  rec: DeliveryRecord,
  { considered, lostRaces, now, fence, batch }: AttemptState,
): Promise<AttemptOutcome> {
  const retryAt = now + d.retryAfterMs;
  const explanation = withBatch(
    batch,
    explainChoice(d.eta, now, considered, null, rec, rec.pickup, lostRaces, "no available driver"),
  );
  const saved = await d.index.putRequest(
    { ...rec, explanation },
    { expectedVersion: rec.version, dueAt: retryAt, ...fenced(fence) },
  );
  if (!saved) return "skipped";
  await d.emit({
    type: "no_driver",
    deliveryId: rec.deliveryId,
    region: rec.region,
    retryAt,
    explanation,
    at: now,
  });
  return "no_driver";
}
