/**
 * The load generator (its own process): customer sockets that follow orders and drivers that send their
 * position once a second. Latency is measured from the driver's emit (`at`) to a customer's receipt, in
 * this one process, so both ends read the same clock.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";

export interface LoadPlan {
  mode: "platform" | "baseline";
  customers: { url: string; token: string; orderId: string }[];
  drivers: { url: string; token: string; orderId: string }[];
}

type Msg =
  | { type: "connect"; plan: LoadPlan }
  | { type: "run"; warmupMs: number; measureMs: number }
  | { type: "stop" };

const send = (m: unknown) => process.send?.(m);
let plan: LoadPlan;
const customers: Socket[] = [];
const drivers: Socket[] = [];
let measuring = false;
let latencies: number[] = [];
/** The worst latency of each second of the measured window, to see whether the tail is steady or a few stalls. */
let worstPerSecond: number[] = [];
let windowStart = 0;
let received = 0;
let sent = 0;

function open(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, {
      auth: plan.mode === "platform" ? { token } : {},
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
    });
    s.once("connect", () => resolve(s));
    s.once("connect_error", (e) => reject(e));
  });
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function onPosition(at: number) {
  if (!measuring) return;
  received++;
  const now = Date.now();
  const latency = now - at;
  latencies.push(latency);
  const second = Math.floor((now - windowStart) / 1000);
  if (latency > (worstPerSecond[second] ?? 0)) worstPerSecond[second] = latency;
}

async function connectAll() {
  let failures = 0;
  await inBatches(plan.customers, 100, async (c) => {
    try {
      const s = await open(c.url, c.token);
      if (plan.mode === "platform") {
        s.on("order:driver_position", (e: { position: { at: number } }) => onPosition(e.position.at));
        const res = (await s.timeout(60_000).emitWithAck("order:join", { orderId: c.orderId })) as {
          ok: boolean;
        };
        if (!res.ok) failures++;
      } else {
        s.on("pos", (m: { at: number }) => onPosition(m.at));
        await s.timeout(60_000).emitWithAck("join", c.orderId);
      }
      customers.push(s);
    } catch {
      failures++;
    }
  });
  await inBatches(plan.drivers, 100, async (d) => {
    try {
      const s = await open(d.url, d.token);
      (s as Socket & { orderId?: string }).orderId = d.orderId;
      drivers.push(s);
    } catch {
      failures++;
    }
  });
  send({ type: "connected", customers: customers.length, drivers: drivers.length, failures });
}

async function run(warmupMs: number, measureMs: number) {
  const timers: NodeJS.Timeout[] = [];
  for (const d of drivers) {
    const orderId = (d as Socket & { orderId?: string }).orderId!;
    // 3–4 km south of the drop-off (40.75, -73.99), driving north at ~5.5 m/s: nobody arrives during a run, so
    // it measures the steady state rather than a thousand "arriving" notifications in the first seconds.
    let lat = 40.72 + Math.random() / 100;
    const lng = -73.99 + Math.random() / 100;
    const tick = () => {
      lat += 0.00005;
      const at = Date.now();
      if (measuring) sent++;
      if (plan.mode === "platform") d.emit("driver:position", { lat, lng, at });
      else d.emit("pos", { room: orderId, lat, lng, at });
    };
    // Spread the drivers over the second, as real phones are.
    timers.push(
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, 1_000));
      }, Math.random() * 1_000),
    );
  }
  await new Promise((r) => setTimeout(r, warmupMs));
  latencies = [];
  received = 0;
  sent = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuMark = process.cpuUsage();
  send({ type: "measuring" });
  worstPerSecond = [];
  windowStart = Date.now();
  measuring = true;
  const started = Date.now();
  await new Promise((r) => setTimeout(r, measureMs));
  measuring = false;
  const seconds = (Date.now() - started) / 1000;
  loop.disable();
  const cpu = process.cpuUsage(cpuMark);
  for (const t of timers) clearInterval(t);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  send({
    type: "result",
    received,
    sent,
    seconds,
    p50: pct(50),
    p99: pct(99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    worstPerSecond: Array.from(worstPerSecond, (x) => x ?? 0),
    mean: Math.round((latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)) * 10) / 10,
    cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100),
    loopP99Ms: Math.round(loop.percentile(99) / 1e6),
    loopMaxMs: Math.round(loop.max / 1e6),
  });
}

process.on("message", async (m: Msg) => {
  if (m.type === "connect") {
    plan = m.plan;
    await connectAll();
  } else if (m.type === "run") {
    await run(m.warmupMs, m.measureMs);
  } else if (m.type === "stop") {
    for (const s of [...customers, ...drivers]) s.close();
    setTimeout(() => process.exit(0), 200);
  }
});
send({ type: "ready" });
