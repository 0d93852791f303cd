// The dispatch engine's explanation of an assignment (delivery.getDeliveryStatus → explanation), in
// words for the store: who was considered, how far and how soon, who was chosen and why.
import { type BatchExplanation, explainBatch } from "./batch-words.ts";

export interface Candidate {
  driverId: string;
  distanceM: number | null;
  pickupEtaS: number | null;
  score?: number | null;
}

export interface Explanation {
  at?: number | null;
  candidates?: Candidate[] | null;
  chosen?: Candidate | null;
  dropoffEtaS?: number | null;
  lostRaces?: string[] | null;
  note?: string | null;
  declined?: string[] | null;
  timedOut?: string[] | null;
  /** Whether the order was put on a trip with another, and why (batching on). */
  batch?: BatchExplanation | null;
}

export interface ExplanationWords {
  headline: string;
  /** One line per driver considered, nearest first; the chosen one says so. */
  candidates: string[];
  /** Lost races, declines, timeouts, the delivery estimate. */
  notes: string[];
}

const km = (m: number | null | undefined) =>
  m === null || m === undefined || !Number.isFinite(m)
    ? "position unknown"
    : `${(m / 1000).toFixed(1)} km away`;
const minutes = (s: number | null | undefined) =>
  s === null || s === undefined || !Number.isFinite(s) ? null : Math.max(1, Math.round(s / 60));
const list = (ids: string[], name: (id: string) => string) => ids.map(name).join(", ");

export function explainAssignment(e: Explanation, names: ReadonlyMap<string, string>): ExplanationWords {
  const name = (id: string) => names.get(id) ?? `a driver no longer on shift (${id.slice(0, 8)})`;
  const reach = (c: Candidate) => {
    const m = minutes(c.pickupEtaS);
    return `${km(c.distanceM)}${m === null ? "" : `, at the store in about ${m} min`}`;
  };
  const chosen = e.chosen ?? null;
  let headline: string;
  // A trip's stops carry "nearest available, trip of 2 (stop 1)": the same choice of driver.
  switch (e.note?.startsWith("nearest available") ? "nearest available" : e.note) {
    case "manual assignment by staff":
      headline = chosen
        ? `Manual assignment by staff: ${name(chosen.driverId)} (${reach(chosen)}).`
        : "Manual assignment by staff.";
      break;
    case "nearest available":
      headline = chosen
        ? `Dispatch chose ${name(chosen.driverId)}, the nearest available driver (${reach(chosen)}).`
        : "Dispatch is offering the order to the nearest available driver.";
      break;
    case "waiting for the oven":
      headline =
        "Waiting for the oven: dispatch offers the order only when the nearest driver would otherwise arrive before the pizza is out.";
      break;
    case "no available driver":
      headline = "No driver is available right now; dispatch tries again in a moment.";
      break;
    default:
      headline = e.note ? `Dispatch: ${e.note}.` : "Dispatch has not looked for a driver yet.";
  }
  const candidates = [...(e.candidates ?? [])]
    .sort((a, b) => (a.distanceM ?? Number.POSITIVE_INFINITY) - (b.distanceM ?? Number.POSITIVE_INFINITY))
    .map(
      (c) => `${name(c.driverId)}: ${reach(c)}${chosen && c.driverId === chosen.driverId ? " — chosen" : ""}`,
    );
  const notes: string[] = [];
  if (e.lostRaces?.length)
    notes.push(`Taken by another order at the same moment: ${list(e.lostRaces, name)}.`);
  if (e.declined?.length) notes.push(`Declined the offer: ${list(e.declined, name)}.`);
  if (e.timedOut?.length) notes.push(`Did not answer in time: ${list(e.timedOut, name)}.`);
  const batch = explainBatch(e.batch);
  if (batch) notes.push(batch);
  const door = minutes(e.dropoffEtaS);
  if (chosen && door !== null)
    notes.push(`Expected at the customer's door about ${door} min after this decision.`);
  return { headline, candidates, notes };
}
