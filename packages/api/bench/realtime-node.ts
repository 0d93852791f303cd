/**
 * One API node for the realtime benchmark, in its own process (forked by bench/realtime.ts): the real
 * platform (PostgreSQL, Redis Streams bus, Redis adapter, Socket.IO auth and rooms) on a free port.
 * Answers `mem` with its memory after a full GC, and `stop` by shutting down.
 */

import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import pino from "pino";
import { loadConfig } from "../src/env.ts";
import { createPlatform } from "../src/platform.ts";
import { positionStages } from "../src/realtime/position-stages.ts";
import { createServer } from "../src/server.ts";

positionStages.enable();
const config = loadConfig({ ...process.env, PORT: "0", SERVE_APPS: "false", LOG_LEVEL: "warn" });
const platform = await createPlatform(config, { log: pino({ level: "warn" }) });
// For finding what costs the tail: BENCH_NO_SINK=1 leaves the dispatch index out of the position path.
if (process.env.BENCH_NO_SINK === "1") platform.services.tracking.positionSink = undefined;
const app = await createServer(platform);
await app.listen({ port: 0, host: "127.0.0.1" });
await platform.events.start();

const send = (m: unknown) => process.send?.(m);
send({ type: "ready", port: (app.server.address() as AddressInfo).port });

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpuMark = process.cpuUsage();
// Garbage-collection pauses over the measured window: how many, their total and the longest.
const gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ["gc"] });
let profiler: Session | undefined;
let wallMark = Date.now();

process.on("message", async (m: { type: string }) => {
  if (m.type === "mark" && process.env.BENCH_PROFILE) {
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  if (m.type === "stats" && profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(`${process.env.BENCH_PROFILE}/steady-${process.pid}.cpuprofile`, JSON.stringify(profile));
    profiler = undefined;
  }
  if (m.type === "mark") {
    loop.reset();
    positionStages.reset();
    Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
    cpuMark = process.cpuUsage();
    wallMark = Date.now();
    process.send?.({ type: "marked" });
  }
  if (m.type === "stats") {
    const cpu = process.cpuUsage(cpuMark);
    process.send?.({
      type: "stats",
      cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (Date.now() - wallMark)) * 100),
      loopP99Ms: Math.round(loop.percentile(99) / 1e6),
      loopMaxMs: Math.round(loop.max / 1e6),
      stages: positionStages.figures(),
      gc: { count: gc.count, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs) },
    });
  }
  if (m.type === "mem") {
    for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
    send({ type: "mem", ...process.memoryUsage() });
  }
  if (m.type === "stop") {
    await app.close().catch(() => {});
    await platform.close().catch(() => {});
    process.exit(0);
  }
});
