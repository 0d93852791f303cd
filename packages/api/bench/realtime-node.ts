/**
 * One API node for the realtime benchmark, in its own process (forked by bench/realtime.ts): the real
 * platform (PostgreSQL, Redis Streams bus, Redis adapter, Socket.IO auth and rooms) on a free port.
 * Answers `mem` with its memory after a full GC, and `stop` by shutting down.
 */
import type { AddressInfo } from "node:net";
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

process.on("message", async (m: { type: string }) => {
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
