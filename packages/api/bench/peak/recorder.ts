// What the open loop saw, per 10-second bucket and overall: arrivals and answers, latency samples of
// placeOrder and processPayment (from the moment each was due), errors by kind, and the probes' readings.
export const BUCKET_MS = 10_000;

export type Call = "place" | "pay" | "confirm" | "track";

export interface Bucket {
  /** Orders due in this bucket (by schedule) and placeOrder answers that arrived in it. */
  arrivals: number;
  answered: number;
  place: number[];
  pay: number[];
  confirm: number[];
  /** Driver position → customer's socket (ms), by the bucket it arrived in. */
  track: number[];
  /** Errors by kind ("5xx", "network", "4xx: <message>"), by the bucket they were due in. */
  errors: Record<string, number>;
  /** Event-loop delay p99 / max (ms) of each node, scraped at the bucket's end. */
  loop: Record<string, { p99: number; max: number }>;
  /** CPU seconds per second (1 = one core) of the run's PostgreSQL backends and its Redis. */
  pgCpu?: number;
  redisCpu?: number;
}

export class Recorder {
  readonly buckets: Bucket[] = [];
  /** When each order that was placed was due (ms), for the rate achieved over a span. */
  readonly placedDue: number[] = [];

  at(ms: number): Bucket {
    const i = Math.max(0, Math.floor(ms / BUCKET_MS));
    while (this.buckets.length <= i)
      this.buckets.push({
        arrivals: 0,
        answered: 0,
        place: [],
        pay: [],
        confirm: [],
        track: [],
        errors: {},
        loop: {},
      });
    return this.buckets[i]!;
  }

  error(dueMs: number, kind: string): void {
    const b = this.at(dueMs);
    b.errors[kind] = (b.errors[kind] ?? 0) + 1;
  }

  /** Every sample of `call` in buckets [from, to). */
  samples(call: Call, from = 0, to = this.buckets.length): number[] {
    return this.buckets.slice(from, to).flatMap((b) => b[call]);
  }

  errorsByKind(from = 0, to = this.buckets.length): Record<string, number> {
    const all: Record<string, number> = {};
    for (const b of this.buckets.slice(from, to))
      for (const [k, n] of Object.entries(b.errors)) all[k] = (all[k] ?? 0) + n;
    return all;
  }
}

export interface Spread {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
