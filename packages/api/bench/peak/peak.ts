/**
 * npm run bench:peak -- [--rate 5000] [--minutes 10] [--stores 12] [--drivers N] [--customers N]
 *                       [--nodes 2] [--report peak.html] [--find-knee] [--smoke] [--url http://…]
 *
 * A Super Bowl evening replayed, compressed in time: ramp → plateau → half-time spike → plateau → tail,
 * sent open-loop (each order when it is due; latency from when it was due) at `--rate` orders a minute on
 * the plateau, with drivers working the deliveries through the API. The last line printed is one JSON
 * object (README "Peak night"); `--report` writes the HTML page. Needs PostgreSQL (TEST_DATABASE_URL),
 * redis-server and haproxy, as the drills do.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Topology } from "../../drills/topology.ts";
import { AccessTokens } from "../../src/modules/auth/tokens.ts";
import { agentFetch, withCookie } from "./agent-fetch.ts";
import { assignment } from "./assignment.ts";
import { EVENING, type Schedule, schedule } from "./curve.ts";
import { findKnee, type KneeStep } from "./knee.ts";
import { openLoop } from "./open-loop.ts";
import { peakCustomers } from "./peak-customers.ts";
import { type FleetStats, runPeakDrivers } from "./peak-drivers.ts";
import { ownPlatform, type PeakPlatform, runningPlatform } from "./platform.ts";
import { startProbes } from "./probes.ts";
import { Recorder } from "./recorder.ts";
import { reportHtml } from "./report-html.ts";
import { peakStores } from "./stores.ts";
import { figures } from "./summary.ts";

const { values: a } = parseArgs({
  options: {
    rate: { type: "string" },
    minutes: { type: "string" },
    stores: { type: "string" },
    drivers: { type: "string" },
    customers: { type: "string" },
    nodes: { type: "string" },
    "kitchen-speed": { type: "string" },
    report: { type: "string" },
    "find-knee": { type: "boolean", default: false },
    "knee-from": { type: "string" },
    "step-s": { type: "string" },
    smoke: { type: "boolean", default: false },
    url: { type: "string" },
  },
});
const smoke = a.smoke;
const num = (v: string | undefined, fallback: number) => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bench:peak: "${v}" is not a positive number`);
  return n;
};
const kneeFrom = num(a["knee-from"], 1000);
/**
 * The rate the fleet and the crowd are sized for: the plateau's, or with --find-knee the third step's
 * (idle drivers still report every 4 s, so a fleet sized for 5,000/min would load a box testing 300/min).
 */
const rate = num(a.rate, smoke ? 300 : 5000);
const sizedFor = a["find-knee"] ? kneeFrom * 2.25 : rate;
const o = {
  rate,
  minutes: num(a.minutes, smoke ? 1 : 10),
  stores: num(a.stores, smoke ? 3 : 12),
  // Enough drivers for the plateau's deliveries: a driver is busy about 16 s a delivery (the offer comes
  // before the kitchen is done, then the counter and DRIVE_MS to the door).
  drivers: num(a.drivers, Math.ceil(((sizedFor * 0.7) / 60) * 16)),
  // A customer has at most 3 unpaid orders (the API refuses a fourth): 20 s of the plateau's orders.
  customers: num(a.customers, Math.ceil((sizedFor / 60) * 20)),
  nodes: num(a.nodes, smoke ? 1 : 2),
  kitchenSpeed: num(a["kitchen-speed"], 120),
  kneeFrom,
  stepS: num(a["step-s"], 20),
};
/** What a smoke run lacked (empty when every part of the evening happened). */
function smokeMissing(r: {
  line: { errors: number };
  placed: number;
  due: number;
  assigned: number;
  tracked: number;
}): string[] {
  return [
    ...(r.line.errors > 0 ? [`${r.line.errors} errors (see the details line)`] : []),
    ...(r.placed < r.due ? [`${r.due - r.placed} of ${r.due} orders not placed`] : []),
    ...(r.assigned === 0 ? ["no delivery was assigned to a driver"] : []),
    ...(r.tracked === 0 ? ["no driver position reached a customer's tracker"] : []),
  ];
}
const log = (m: string) => process.stderr.write(`[peak] ${m}\n`);

const began = Date.now();
const topo = a.url ? undefined : new Topology();
let platform: PeakPlatform | undefined;
// A bug of the harness must not leave the platform's processes behind (the next run would find its ports
// answered by them): stop everything, then fail.
for (const signal of ["uncaughtException", "unhandledRejection"] as const)
  process.once(signal, async (error) => {
    log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    await (platform?.close() ?? topo?.stop())?.catch(() => undefined);
    process.exit(1);
  });
let exitCode = 0;
try {
  platform = a.url
    ? runningPlatform(a.url)
    : await ownPlatform(topo!, { apiNodes: o.nodes, kitchenSpeed: o.kitchenSpeed });
  const p = platform;
  const stores = await peakStores(p.db, o.stores);
  const { fetch: send, agent } = agentFetch(1024);
  const tokens = new AccessTokens(p.jwtSecret);
  const rec = new Recorder();
  let t0 = Date.now();
  const crowd = await peakCustomers({
    count: o.customers,
    db: p.db,
    tokens,
    url: p.url,
    fetch: withCookie(send),
    rec,
    clock: () => Date.now() - t0,
  });
  const { customers } = crowd;
  log(
    `platform up in ${((Date.now() - began) / 1000).toFixed(1)} s: ${stores.length} stores, ${customers.length} customers`,
  );

  let stop = false;
  const fleetStats: FleetStats = {
    offered: 0,
    accepted: 0,
    declined: 0,
    delivered: 0,
    positions: 0,
    errors: {},
  };
  const fleet = Promise.all(
    stores.map((s, k) => {
      const count = Math.floor(o.drivers / stores.length) + (k < o.drivers % stores.length ? 1 : 0);
      return runPeakDrivers({
        db: p.db,
        url: p.url,
        tokens,
        drivers: count,
        store: s,
        until: () => stop,
        stats: fleetStats,
        codeAtTheDoor: crowd.codeAtTheDoor,
      });
    }),
  );
  const since = new Date();
  t0 = Date.now();
  const probes = startProbes(
    {
      nodes: p.nodes,
      metricsToken: p.metricsToken,
      db: p.db,
      ...(p.redisUrl ? { redisUrl: p.redisUrl } : {}),
    },
    rec,
    t0,
  );

  let plan: Schedule | undefined;
  let knee: { knee: number | null; steps: KneeStep[] } | undefined;
  if (a["find-knee"]) {
    knee = await findKnee({
      fromPerMin: o.kneeFrom,
      stepMs: o.stepS * 1000,
      maxSteps: 10,
      customers,
      stores,
      rec,
      t0,
      log,
    });
  } else {
    plan = schedule(EVENING, o.minutes * 60_000, o.rate);
    log(`replaying ${plan.at.length} orders over ${o.minutes} min (plateau ${o.rate}/min)`);
    await openLoop({ schedule: plan, customers, stores, rec });
  }
  const endMs = Date.now() - t0;
  // Drivers finish what the kitchen has ready before the books are read.
  await new Promise((r) => setTimeout(r, smoke ? 3_000 : 10_000));
  stop = true;
  // A driver on the road finishes that delivery first: waited for a little, not for every straggler.
  await Promise.race([fleet, new Promise((r) => setTimeout(r, 15_000))]);
  crowd.close();
  await probes.stop();
  agent.destroy();
  const assigned = await assignment(p.db, since);

  const held = knee?.steps.filter((s) => s.held).at(-1);
  const plateaus: [number, number][] = plan
    ? plan.phases.filter((ph) => ph.name === "plateau").map((ph) => [ph.fromMs, ph.toMs])
    : [];
  const whole = figures(rec, 0, endMs, plateaus);
  // A driver's request that failed on the network or with a 5xx is the platform's error too (a refusal,
  // such as an offer another driver took first, is not).
  const driverFailures = Object.entries(fleetStats.errors)
    .filter(([kind]) => / (5xx|timeout|network)/.test(kind))
    .reduce((n, [, k]) => n + k, 0);
  const main = held ?? (knee ? knee.steps[0] : undefined) ?? whole;
  const line = {
    bench: "peak",
    target_per_min: held ? held.per_min : knee ? o.kneeFrom : o.rate,
    achieved_per_min: main.achieved_per_min,
    errors: whole.errors + driverFailures,
    place_p99_ms: main.place.p99,
    pay_p99_ms: main.pay.p99,
    assign_p99_s: assigned.assign_p99_s,
    track_p99_ms: whole.track.n > 0 ? whole.track.p99 : null,
    knee_per_min: knee ? knee.knee : null,
  };
  const details = {
    options: o,
    wall_s: Math.round((Date.now() - began) / 1000),
    orders_due: rec.buckets.reduce((s, b) => s + b.arrivals, 0),
    orders_placed: rec.placedDue.length,
    place_ms: whole.place,
    pay_ms: whole.pay,
    confirm_3ds_ms: whole.confirm,
    errors_by_kind: whole.errors_by_kind,
    event_loop_p99_ms_worst: whole.loop_p99_ms,
    event_loop_max_ms_worst: whole.loop_max_ms,
    pg_cpu_cores: whole.pg_cpu,
    redis_cpu_cores: whole.redis_cpu,
    ...assigned,
    track_ms: whole.track,
    drivers: fleetStats,
    ...(knee
      ? {
          knee_steps: knee.steps.map((s) => ({
            per_min: s.per_min,
            held: s.held,
            achieved: s.achieved_per_min,
            place_p99_ms: s.place.p99,
            errors: s.errors,
          })),
        }
      : {}),
  };
  log(JSON.stringify(details));
  if (a.report) {
    writeFileSync(a.report, reportHtml({ line, rec, ...(plan ? { schedule: plan } : {}), details }));
    log(`report written to ${a.report}`);
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (smoke) {
    // CI's smoke keeps the harness from rotting: every part of the evening must have happened (orders
    // placed and paid without an error, drivers assigned, positions on customers' screens). No timing.
    const missing = smokeMissing({
      line,
      placed: rec.placedDue.length,
      due: details.orders_due,
      assigned: assigned.assigned,
      tracked: whole.track.n,
    });
    if (missing.length) {
      exitCode = 1;
      log(`smoke FAILED: ${missing.join("; ")}`);
    }
  }
} catch (error) {
  exitCode = 1;
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await platform?.close().catch(() => undefined);
  if (!platform) await topo?.stop();
}
process.exit(exitCode);
