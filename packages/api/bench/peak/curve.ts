// The evening, compressed in time: a ramp to the plateau rate, the plateau, a spike at half-time, the
// plateau again, and a tail. Arrivals are spaced evenly under the curve (the integral of the rate), so
// the same flags always give the same schedule.

export interface Phase {
  name: "ramp" | "plateau" | "half-time" | "tail" | "step";
  /** Share of the run's length. */
  share: number;
  /** Rate at the phase's start and end, as a multiple of the plateau rate. */
  from: number;
  to: number;
}

export const EVENING: Phase[] = [
  { name: "ramp", share: 0.2, from: 0.2, to: 1 },
  { name: "plateau", share: 0.3, from: 1, to: 1 },
  { name: "half-time", share: 0.1, from: 1.5, to: 1.5 },
  { name: "plateau", share: 0.2, from: 1, to: 1 },
  { name: "tail", share: 0.2, from: 1, to: 0.2 },
];

export interface Schedule {
  /** Send times, ms from the start, ascending. */
  at: number[];
  lengthMs: number;
  /** Where each phase starts and ends (ms), for the report and for "achieved at the plateau". */
  phases: { name: Phase["name"]; fromMs: number; toMs: number; perMin: number }[];
}

/** Arrivals for `phases` over `lengthMs` at `perMin` orders a minute on the plateau. */
export function schedule(phases: Phase[], lengthMs: number, perMin: number): Schedule {
  const at: number[] = [];
  const spans: Schedule["phases"] = [];
  const total = phases.reduce((s, p) => s + p.share, 0);
  let start = 0;
  let due = 0; // orders owed so far (fractional)
  let sent = 0;
  for (const p of phases) {
    const length = (p.share / total) * lengthMs;
    spans.push({ name: p.name, fromMs: start, toMs: start + length, perMin: perMin * p.to });
    for (let t = 0; t < length; t++) {
      const multiple = p.from + ((p.to - p.from) * t) / length;
      due += (multiple * perMin) / 60_000;
      while (sent + 1 <= due) {
        at.push(Math.round(start + t));
        sent++;
      }
    }
    start += length;
  }
  return { at, lengthMs, phases: spans };
}

/** One flat plateau (a step of --find-knee). */
export function flat(lengthMs: number, perMin: number): Schedule {
  return schedule([{ name: "step", share: 1, from: 1, to: 1 }], lengthMs, perMin);
}
