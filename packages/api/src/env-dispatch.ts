// Where the dispatch engine runs (DISPATCH) and how stand-alone dispatchers share the zones
// (`npm run dispatcher`, dispatcher-main.ts): their port and their zone leases. Read by loadConfig
// with the rest of the configuration; the engine's own timings (DISPATCH_OFFER_TIMEOUT_MS, …) stay in env.ts.
import { z } from "zod";

const dispatchSchema = z.object({
  /** on: this API node runs the engine (ticks, repair sweep, kitchen-event consumers); off: it only serves drivers. */
  DISPATCH: z.enum(["on", "off"], "must be on or off").default("on"),
  /** Where a stand-alone dispatcher answers /healthz, /readyz and /metrics. */
  DISPATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  /** How long a dispatcher's zone lease (and its heartbeat) lasts without renewal: a dead one's zones move after this. */
  DISPATCH_LEASE_TTL_MS: z.coerce.number().int().min(500).max(60_000).default(4_000),
  /** How often a dispatcher renews its leases and rebalances the zones. */
  DISPATCH_LEASE_RENEW_MS: z.coerce.number().int().min(100).max(30_000).default(1_000),
});

export interface DispatchPlacement {
  /** Whether this API node runs the dispatch engine (stand-alone dispatchers always do). */
  mode: "on" | "off";
  dispatcherPort: number;
  leaseTtlMs: number;
  leaseRenewMs: number;
}

/** The placement settings of `source`; `fail` turns a bad value into the caller's error. */
export function dispatchPlacement(
  source: NodeJS.ProcessEnv,
  fail: (message: string) => Error,
): DispatchPlacement {
  const parsed = dispatchSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw fail(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(source[name])})`);
  }
  const e = parsed.data;
  if (e.DISPATCH_LEASE_RENEW_MS * 2 > e.DISPATCH_LEASE_TTL_MS)
    throw fail(
      `Invalid configuration: DISPATCH_LEASE_RENEW_MS (${e.DISPATCH_LEASE_RENEW_MS}) must be at most half of DISPATCH_LEASE_TTL_MS (${e.DISPATCH_LEASE_TTL_MS}), so a lease is renewed before it can run out`,
    );
  return {
    mode: e.DISPATCH,
    dispatcherPort: e.DISPATCHER_PORT,
    leaseTtlMs: e.DISPATCH_LEASE_TTL_MS,
    leaseRenewMs: e.DISPATCH_LEASE_RENEW_MS,
  };
}

/**
 * A stand-alone dispatcher shares its work with other processes through PostgreSQL and Redis; on the
 * embedded database and in-process index it would decide for nobody. The sentence says what to set.
 */
export function refuseEmbeddedDispatcher(config: {
  databaseUrl: string | undefined;
  redis: unknown;
}): string | null {
  const missing = [
    !config.databaseUrl && "DATABASE_URL",
    !config.redis && "REDIS_URL (or REDIS_CLUSTER_NODES)",
  ].filter(Boolean);
  if (missing.length === 0) return null;
  return `npm run dispatcher needs ${missing.join(" and ")}: a stand-alone dispatcher shares the orders (PostgreSQL) and the driver index, zone leases and events (Redis) with the API nodes; in one process, use npm start (DISPATCH=on) instead.`;
}

/**
 * An API node with DISPATCH=off leaves every decision to stand-alone dispatchers, which reach it only
 * through PostgreSQL and Redis; on the embedded database and in-process index nobody would ever offer
 * an order to a driver.
 */
export function refuseDispatchOffAlone(config: {
  databaseUrl: string | undefined;
  redis: unknown;
  dispatch: { mode: "on" | "off" };
}): string | null {
  if (config.dispatch.mode === "on" || (config.databaseUrl && config.redis)) return null;
  return "Invalid configuration: DISPATCH=off needs DATABASE_URL and REDIS_URL: the dispatchers (npm run dispatcher) that decide instead reach this node only through them; in one process, leave DISPATCH=on.";
}
