import { createHistogram, type RecordableHistogram } from "node:perf_hooks";

/**
 * Where a driver's position spends its time on its way to the customers' sockets, one histogram per stage
 * (`perf_hooks`, microseconds). Off unless a benchmark or an operator turns it on: the position path then
 * pays one `performance.now()` per stage and nothing else.
 *
 * - `inbound`: the driver's emit (`at`) to the handler starting on this node: network, the socket's frame
 *   parsing, and every task queued ahead of it on the event loop.
 * - `orders`: waiting for the driver's orders out for delivery (the per-node cache).
 * - `throttle`: held back to keep one position per order per interval (0 for most).
 * - `fanout`: writing the event to the order room's sockets on this node (synchronous).
 * - `cross_node`: for positions from another node, emit (`at`) to this node handing them to its sockets.
 * - `index`: the dispatch index write and the delivery checks after the relay (not on the customers' path,
 *   but it holds the event loop).
 */
export const POSITION_STAGES = ["inbound", "orders", "throttle", "fanout", "cross_node", "index"] as const;
export type PositionStage = (typeof POSITION_STAGES)[number];

export interface StageFigures {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

let histograms: Record<PositionStage, RecordableHistogram> | undefined;

export const positionStages = {
  get enabled(): boolean {
    return histograms !== undefined;
  },
  enable(): void {
    histograms ??= Object.fromEntries(POSITION_STAGES.map((s) => [s, createHistogram()])) as Record<
      PositionStage,
      RecordableHistogram
    >;
  },
  record(stage: PositionStage, ms: number): void {
    histograms?.[stage].record(Math.max(1, Math.round(ms * 1000)));
  },
  reset(): void {
    if (histograms) for (const h of Object.values(histograms)) h.reset();
  },
  figures(): Partial<Record<PositionStage, StageFigures>> {
    if (!histograms) return {};
    const ms = (us: number) => Math.round(us) / 1000;
    const out: Partial<Record<PositionStage, StageFigures>> = {};
    for (const stage of POSITION_STAGES) {
      const h = histograms[stage];
      if (h.count === 0) continue;
      out[stage] = {
        count: h.count,
        meanMs: ms(h.mean),
        p50Ms: ms(h.percentile(50)),
        p99Ms: ms(h.percentile(99)),
        maxMs: ms(h.max),
      };
    }
    return out;
  },
};
