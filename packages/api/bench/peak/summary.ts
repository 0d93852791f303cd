// The figures of a span of the run (the whole evening, or one step of --find-knee).
import { BUCKET_MS, type Recorder, round, spread, total } from "./recorder.ts";

export interface SpanFigures {
  /** Orders placed a minute, of those due within `ranges` (the plateau, or the step). */
  achieved_per_min: number;
  errors: number;
  place: ReturnType<typeof spread>;
  pay: ReturnType<typeof spread>;
  confirm: ReturnType<typeof spread>;
  track: ReturnType<typeof spread>;
  errors_by_kind: Record<string, number>;
  /** The worst event-loop p99 / max any node reported (ms), and PostgreSQL / Redis CPU (mean, peak). */
  loop_p99_ms: number | null;
  loop_max_ms: number | null;
  pg_cpu: { mean: number; peak: number } | null;
  redis_cpu: { mean: number; peak: number } | null;
}

export function figures(
  rec: Recorder,
  fromMs: number,
  toMs: number,
  ranges: [number, number][],
): SpanFigures {
  const from = Math.floor(fromMs / BUCKET_MS);
  const to = Math.ceil(toMs / BUCKET_MS);
  const buckets = rec.buckets.slice(from, to);
  const inRanges = rec.placedDue.filter((t) => ranges.some(([a, b]) => t >= a && t < b)).length;
  const minutes = ranges.reduce((s, [a, b]) => s + (b - a), 0) / 60_000;
  const loops = buckets.flatMap((b) => Object.values(b.loop));
  const cpu = (vals: (number | undefined)[]) => {
    const xs = vals.filter((v): v is number => v !== undefined);
    return xs.length
      ? { mean: round(xs.reduce((a, b) => a + b, 0) / xs.length, 2), peak: Math.max(...xs) }
      : null;
  };
  const errors_by_kind = rec.errorsByKind(from, to);
  return {
    achieved_per_min: minutes > 0 ? Math.round(inRanges / minutes) : 0,
    errors: total(errors_by_kind),
    place: spread(rec.samples("place", from, to)),
    pay: spread(rec.samples("pay", from, to)),
    confirm: spread(rec.samples("confirm", from, to)),
    track: spread(rec.samples("track", from, to)),
    errors_by_kind,
    loop_p99_ms: loops.length ? Math.max(...loops.map((l) => l.p99)) : null,
    loop_max_ms: loops.length ? Math.max(...loops.map((l) => l.max)) : null,
    pg_cpu: cpu(buckets.map((b) => b.pgCpu)),
    redis_cpu: cpu(buckets.map((b) => b.redisCpu)),
  };
}
