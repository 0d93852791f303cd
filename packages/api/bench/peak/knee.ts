// --find-knee: flat steps of rising rate (×1.5 each), each a short plateau, until placeOrder's p99 passes
// 250 ms or errors appear; the knee is the highest rate that held.

import { flat } from "./curve.ts";
import { openLoop } from "./open-loop.ts";
import type { PeakCustomer } from "./peak-customers.ts";
import { BUCKET_MS, type Recorder } from "./recorder.ts";
import type { PeakStore } from "./stores.ts";
import { figures, type SpanFigures } from "./summary.ts";

export const KNEE_P99_MS = 250;

export interface KneeStep extends SpanFigures {
  per_min: number;
  held: boolean;
}

export async function findKnee(opts: {
  fromPerMin: number;
  stepMs: number;
  maxSteps: number;
  customers: PeakCustomer[];
  stores: PeakStore[];
  rec: Recorder;
  /** The recorder's time zero (Date.now()), so steps start on bucket boundaries the probes share. */
  t0: number;
  log: (m: string) => void;
}): Promise<{ knee: number | null; steps: KneeStep[] }> {
  const stepMs = Math.ceil(opts.stepMs / BUCKET_MS) * BUCKET_MS;
  // A warm-up at half the first rate, not judged: a cold platform (JIT, pools, every driver and customer
  // socket connecting at once) would otherwise break the first step on its own start.
  await openLoop({
    schedule: flat(stepMs, Math.round(opts.fromPerMin / 2)),
    customers: opts.customers,
    stores: opts.stores,
    rec: opts.rec,
    seed: 18,
  });
  opts.log(`warmed up at ${Math.round(opts.fromPerMin / 2)}/min for ${stepMs / 1000} s`);
  const steps: KneeStep[] = [];
  let rate = opts.fromPerMin;
  for (let i = 0; i < opts.maxSteps; i++, rate = Math.round(rate * 1.5)) {
    // Each step starts on the next bucket boundary (the previous step's stragglers may have run past it).
    const offset = Math.ceil((Date.now() - opts.t0) / BUCKET_MS) * BUCKET_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, opts.t0 + offset - Date.now())));
    await openLoop({
      schedule: flat(stepMs, rate),
      customers: opts.customers,
      stores: opts.stores,
      rec: opts.rec,
      offsetMs: offset,
      seed: 19 + i,
    });
    const f = figures(opts.rec, offset, offset + stepMs, [[offset, offset + stepMs]]);
    const held = f.errors === 0 && f.place.p99 <= KNEE_P99_MS;
    steps.push({ per_min: rate, held, ...f });
    opts.log(
      `step ${rate}/min: achieved ${f.achieved_per_min}/min, place p99 ${f.place.p99} ms, errors ${f.errors} → ${held ? "held" : "broke"}`,
    );
    if (!held) break;
  }
  const held = steps.filter((s) => s.held);
  return { knee: held.at(-1)?.per_min ?? null, steps };
}
