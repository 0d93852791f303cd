/**
 * One API node for the realtime benchmark, in its own process (forked by bench/realtime.ts): the real
 * platform (PostgreSQL, Redis Streams bus, Redis adapter, Socket.IO auth and rooms) on a free port.
 * Answers `mem` with its memory after a full GC, and `stop` by shutting down.
 */

import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { loadConfig } from "../src/env.ts";
import { createPlatform } from "../src/platform.ts";
import { createServer } from "../src/server.ts";

const config = loadConfig({ ...process.env, PORT: "0", SERVE_APPS: "false", LOG_LEVEL: "warn" });
const platform = await createPlatform(config, { log: pino({ level: "warn" }) });
const app = await createServer(platform);
await app.listen({ port: 0, host: "127.0.0.1" });
await platform.events.start();

const send = (m: unknown) => process.send?.(m);
send({ type: "ready", port: (app.server.address() as AddressInfo).port });

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpuMark = process.cpuUsage();
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
