// Why dispatch did or did not put an order on a trip with another of the store's orders (the
// explanation's `batch`, packages/dispatch/src/batch-decision.ts), in words for the store.

export interface BatchExplanation {
  batched?: boolean;
  first?: string;
  second?: string;
  route?: string[] | null;
  detourMin?: number;
  maxDelayMin?: number;
  bearingDiffDeg?: number;
  maxBearingDiffDeg?: number;
  readyAt?: Record<string, number> | null;
  reason?: string;
}

const REASONS: Record<string, string> = {
  "different directions": "the two addresses lie in different directions",
  "detour too long": "the detour would hold one of them back too long",
  "not ready within the window": "the other order is not ready soon enough",
};

/** One sentence: the trip and its detour, or why the order goes alone; null without a batch decision. */
export function explainBatch(b: BatchExplanation | null | undefined): string | null {
  if (!b || b.batched === undefined) return null;
  const ready = Object.values(b.readyAt ?? {});
  const apart = ready.length === 2 ? Math.round(Math.abs(ready[0]! - ready[1]!) / 60_000) : null;
  const facts = [
    `detour ${b.detourMin ?? 0} min of ${b.maxDelayMin ?? 0} allowed`,
    `directions ${Math.round(b.bearingDiffDeg ?? 0)}° apart of ${b.maxBearingDiffDeg ?? 0}° allowed`,
    ...(apart === null ? [] : [`ready ${apart} min apart`]),
  ].join("; ");
  if (b.batched) {
    const stop = (b.route ?? []).indexOf(b.first ?? "") + 1;
    return `On one trip with another order of the store (this order is stop ${stop || "?"} of ${b.route?.length ?? 2}): ${facts}.`;
  }
  return `Not put on a trip with another waiting order: ${REASONS[b.reason ?? ""] ?? b.reason ?? "no reason given"} (${facts}).`;
}
