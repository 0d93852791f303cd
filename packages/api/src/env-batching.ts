// Batching (issue 20): whether the dispatch engine may put two orders of one store on one trip, and
// the rule's limits (packages/dispatch/src/batch-decision.ts). Read by loadConfig with the rest of the
// dispatch settings. Off by default: see modules/delivery/README.md, "Trips".
import { z } from "zod";

const batchingSchema = z.object({
  /** on: two ready (or nearly ready) orders of a store going the same way may be offered as one trip. */
  DISPATCH_BATCHING: z.enum(["on", "off"], "must be on or off").default("off"),
  /** Most minutes either order of a trip may arrive later than it would alone. */
  DISPATCH_BATCH_MAX_DELAY_MIN: z.coerce.number().min(0).max(30).default(5),
  /** A partner not ready yet may join a trip if the kitchen expects it within this many minutes. */
  DISPATCH_BATCH_READY_WINDOW_MIN: z.coerce.number().min(0).max(30).default(5),
  /** Most degrees the two directions (store → door) of a trip may differ. */
  DISPATCH_BATCH_MAX_BEARING_DEG: z.coerce.number().min(0).max(180).default(45),
});

export interface BatchingSettings {
  batching: boolean;
  batchRules: { maxDelayMs: number; readyWindowMs: number; maxBearingDiffDeg: number };
}

/** The batching settings of `source`; `fail` turns a bad value into the caller's error. */
export function batchingSettings(
  source: NodeJS.ProcessEnv,
  fail: (message: string) => Error,
): BatchingSettings {
  const parsed = batchingSchema.safeParse(source);
  if (!parsed.success) throw fail(describeIssue(parsed.error.issues[0]!, source));
  const e = parsed.data;
  return {
    batching: e.DISPATCH_BATCHING === "on",
    batchRules: {
      maxDelayMs: e.DISPATCH_BATCH_MAX_DELAY_MIN * 60_000,
      readyWindowMs: e.DISPATCH_BATCH_READY_WINDOW_MIN * 60_000,
      maxBearingDiffDeg: e.DISPATCH_BATCH_MAX_BEARING_DEG,
    },
  };
}

/** "Invalid configuration: NAME what is wrong (got "value")": the sentence the other env files write too. */
function describeIssue(issue: z.core.$ZodIssue, source: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0]);
  return `Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(source[name])})`;
}
