import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock.ts";
import { Dispatcher } from "./dispatcher.ts";
import { destination, type LatLng } from "./geo.ts";
import { RedisDriverIndex } from "./index/redis-driver-index.ts";

// Fault test on a private redis-server (never the shared one on 6379: other suites use it).
const REGION = "berlin";
const STORE: LatLng = { lat: 52.52, lng: 13.405 };
const dir = mkdtempSync(join(tmpdir(), "dispatch-redis-"));
let server: ChildProcess | null = null;
const clients: Redis[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

async function startRedis(port: number): Promise<void> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  server = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
    child.stdout?.on("data", (b: Buffer) => {
      if (b.toString().includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
}

async function stopRedis(how: "kill" | "shutdown-save", client: Redis): Promise<void> {
  const child = server;
  if (!child) return;
  const exited = new Promise((r) => child.once("exit", r));
  if (how === "kill") child.kill("SIGKILL");
  else await client.call("SHUTDOWN", "SAVE").catch(() => {});
  await exited;
  server = null;
}

/** The client's "ready" (it reconnected and can be used), then one PING; fails after 10 s. */
async function waitUntilUp(client: Redis): Promise<void> {
  if (client.status !== "ready") {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("client did not reconnect within 10 s")), 10_000);
      client.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  expect(await client.ping()).toBe("PONG");
}

afterEach(async () => {
  if (server) {
    const child = server;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    server = null;
  }
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function setup() {
  const port = await freePort();
  await startRedis(port);
  // Fail fast while the server is away instead of queueing forever; reconnect every 100 ms.
  const redis = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  redis.on("error", () => {});
  clients.push(redis);
  await waitUntilUp(redis);
  const clock = new ManualClock();
  const index = new RedisDriverIndex(redis, { clock, keyPrefix: "t:", staleAfterMs: 60_000 });
  const errors: unknown[] = [];
  const dispatcher = new Dispatcher({
    index,
    clock,
    regions: [REGION],
    offerTimeoutMs: 30_000,
    onError: (e) => errors.push(e),
  });
  const drivers = Array.from({ length: 10 }, (_, i) => ({
    id: `d${i}`,
    p: destination(STORE, i * 36, 300 + i * 200),
  }));
  const sendPositions = () =>
    Promise.all(
      drivers.map((d) =>
        index.ingest(d.id, REGION, { ...d.p, ts: clock.now() }, { statusIfUnknown: "available" }),
      ),
    );
  await sendPositions();
  for (const d of drivers) await index.setStatus(d.id, REGION, "available");
  const request = (id: string) =>
    dispatcher.request({
      deliveryId: id,
      region: REGION,
      pickup: STORE,
      dropoff: destination(STORE, 0, 2000),
    });
  return { port, redis, clock, index, dispatcher, drivers, sendPositions, request, errors };
}

describe("Redis restarted in the middle of dispatch", () => {
  it("survives losing its data: calls fail cleanly while down, ingest and assignment recover, nobody stays offered", async () => {
    const { port, redis, clock, index, dispatcher, drivers, sendPositions, request } = await setup();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      for (let i = 0; i < 4; i++) expect((await request(`before-${i}`)).status).toBe("offered");
      await dispatcher.accept(REGION, "before-0", (await dispatcher.status(REGION, "before-0"))!.driverId!);
      const lostOfferDriver = (await dispatcher.status(REGION, "before-1"))!.driverId!;

      await stopRedis("kill", redis);
      clock.advance(1000);
      await expect(sendPositions()).rejects.toThrow();
      await expect(request("during")).rejects.toThrow();
      const report = await dispatcher.tick();
      expect(report.errors).toBeGreaterThan(0);

      await startRedis(port);
      await waitUntilUp(redis);
      clock.advance(1000);
      // Positions carry the driver's own status, so the emptied index rebuilds itself from traffic.
      const accepted = await sendPositions();
      expect(accepted.every((r) => r.accepted)).toBe(true);
      for (let i = 0; i < 4; i++) expect((await request(`after-${i}`)).status).toBe("offered");
      for (let i = 0; i < 4; i++) {
        const rec = (await dispatcher.status(REGION, `after-${i}`))!;
        expect((await dispatcher.accept(REGION, rec.deliveryId, rec.driverId!)).ok).toBe(true);
      }
      // Offers made before the crash died with the data: confirming one is refused, not half-applied.
      expect(await dispatcher.accept(REGION, "before-1", lostOfferDriver)).toEqual({
        ok: false,
        reason: "no_such_offer",
      });
      clock.advance(31_000);
      await sendPositions();
      await dispatcher.tick();
      const states = await Promise.all(drivers.map((d) => index.getDriver(d.id, REGION)));
      expect(states.filter((s) => s?.state === "offered")).toEqual([]);
      expect(states.filter((s) => s?.state === "assigned")).toHaveLength(4);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("when the data survives the restart, offers whose deadline passed meanwhile are expired and re-offered", async () => {
    const { port, redis, clock, index, dispatcher, drivers, sendPositions, request } = await setup();
    for (let i = 0; i < 5; i++) expect((await request(`o-${i}`)).status).toBe("offered");
    const offeredTo = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => (await dispatcher.status(REGION, `o-${i}`))!.driverId!),
    );
    await stopRedis("shutdown-save", redis);
    clock.advance(45_000); // every offer's deadline passes while Redis is down
    expect((await dispatcher.tick()).errors).toBeGreaterThan(0);
    await startRedis(port);
    await waitUntilUp(redis);
    await sendPositions();
    const report = await dispatcher.tick();
    expect(report.expired).toBe(5);
    for (let i = 0; i < 5; i++) {
      const rec = (await dispatcher.status(REGION, `o-${i}`))!;
      expect(rec.timedOut).toEqual([offeredTo[i]]);
      expect(rec.status).toBe("offered");
      expect(rec.driverId).not.toBe(offeredTo[i]);
    }
    clock.advance(31_000);
    await sendPositions();
    await dispatcher.tick();
    clock.advance(31_000);
    await sendPositions();
    await dispatcher.tick();
    // Everyone who timed out is free again; offers still open all have a future deadline.
    const states = await Promise.all(drivers.map((d) => index.getDriver(d.id, REGION)));
    for (const s of states) if (s?.offer) expect(s.offer.deadline).toBeGreaterThan(clock.now());
  });
});
