// What a simulated driver holds and where it drives next: one delivery, or a trip's stops in route order
// (picked up together at the store, then delivered in turn). Pure bookkeeping, no I/O.
import type { LatLng } from "@pizza/dispatch";
import type { CurrentDeliveryView } from "./delivery.service.ts";
import type { TBagCheck } from "./proof.schemas.ts";
import { inTripOrder } from "./record-trip.ts";

export interface Job {
  deliveryId: string;
  orderId: string;
  phase: "to_store" | "at_store" | "to_door";
  store: LatLng;
  dropoff: LatLng;
  cashDue: number;
  /** The checks the server requires at pick-up (ticked, like a careful driver). */
  checks: TBagCheck[];
  trip: { tripId: string; stop: number } | null;
}

export function jobOf(cur: CurrentDeliveryView): Job {
  return {
    deliveryId: cur.deliveryId,
    orderId: cur.orderId,
    phase: cur.status === "picked_up" ? "to_door" : "to_store",
    store: { lat: cur.store.lat, lng: cur.store.lng },
    dropoff: { lat: cur.dropoff.lat, lng: cur.dropoff.lng },
    cashDue: cur.cashDue,
    checks: cur.bagChecks ?? ["order", "items", "drinks"],
    trip: cur.trip ? { tripId: cur.trip.tripId, stop: cur.trip.stop } : null,
  };
}

/** The jobs with `job` added (once), a trip's stops kept together in route order. */
export function withJob(jobs: readonly Job[], job: Job): Job[] {
  if (jobs.some((j) => j.deliveryId === job.deliveryId)) return [...jobs];
  return inTripOrder([...jobs, job], (j) => j.deliveryId);
}

export type Leg = { to: "store"; job: Job } | { to: "door"; job: Job } | null;

/**
 * Where to go now: stay at the store while any job waits there (a trip leaves with both bags), else the
 * first job's door once it is picked up, else its store.
 */
export function nextLeg(jobs: readonly Job[]): Leg {
  const waiting = jobs.find((j) => j.phase === "at_store");
  if (waiting) return { to: "store", job: waiting };
  const head = jobs[0];
  if (!head) return null;
  return head.phase === "to_door" ? { to: "door", job: head } : { to: "store", job: head };
}
