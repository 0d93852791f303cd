/**
 * Failure drills: `npm run drill -- <name|all> [--short]`
 *
 * Each drill starts what it needs (a fresh database, its own Redis, API nodes behind HAProxy), puts
 * customers on it (orders placed and paid, with the app's retries), injects one fault, lets the platform
 * recover, checks the books, and prints one JSON line last:
 * {"drill":…,"orders_placed":…,"orders_lost":0,"double_charges":0,"duplicate_assignments":0,"events_lost":0,"errors_5xx":…,"recovery_s":…}
 * The process exits non-zero when a drill lost an order or an event, charged twice or assigned twice.
 * Needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), redis-server and haproxy.
 */
import { parseArgs } from "node:util";
import { apiNodeKill } from "./faults/api-node-kill.ts";
import { dispatcherKill } from "./faults/dispatcher-kill.ts";
import type { Fault } from "./faults/fault.ts";
import { pgFailover } from "./faults/pg-failover.ts";
import { pgStandbyDown } from "./faults/pg-standby-down.ts";
import { platformOn } from "./faults/platform-on.ts";
import { redisPause } from "./faults/redis-pause.ts";
import { redisPrimaryKill } from "./faults/redis-primary-kill.ts";
import { Topology } from "./topology.ts";
import { type DrillLine, FULL, SHORT, type Timeline, underTraffic } from "./under-traffic.ts";

const DRILLS: Record<string, Fault> = Object.fromEntries(
  [apiNodeKill, redisPause, redisPrimaryKill, pgStandbyDown, pgFailover, dispatcherKill].map((f) => [
    f.name,
    f,
  ]),
);

/** The fault's platform, traffic on it, the fault, the books. */
async function runDrill(
  fault: Fault,
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const platform = await platformOn(topo, fault.shape);
  return underTraffic({
    drill: fault.name,
    db: platform.db,
    url: platform.url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    inject: () => fault.inject(platform, log),
    ...(fault.measure ? { measure: (at: Date) => fault.measure!(platform, at) } : {}),
  });
}

const { values, positionals } = parseArgs({
  options: { short: { type: "boolean", default: false } },
  allowPositionals: true,
});
const wanted = positionals[0] ?? "all";
const names = wanted === "all" ? Object.keys(DRILLS) : [wanted];
for (const name of names) {
  if (!DRILLS[name]) {
    process.stderr.write(
      `drill: no drill named "${name}"; the drills are: ${Object.keys(DRILLS).join(", ")}, all\n`,
    );
    process.exit(2);
  }
}

const failed: string[] = [];
for (const name of names) {
  const log = (m: string) => process.stderr.write(`[${name}] ${m}\n`);
  const topo = new Topology();
  try {
    const line = await runDrill(DRILLS[name]!, topo, values.short ? SHORT : FULL, log);
    const broken =
      line.orders_lost +
      line.double_charges +
      line.payments_lost +
      line.duplicate_assignments +
      line.events_lost;
    if (broken > 0 || line.orders_placed === 0 || !Number.isFinite(line.recovery_s)) failed.push(name);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } catch (error) {
    failed.push(name);
    log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    await topo.stop();
  }
}
if (failed.length > 0) {
  process.stderr.write(`drill: ${failed.join(", ")} broke the books or did not recover\n`);
  process.exit(1);
}
process.exit(0);
