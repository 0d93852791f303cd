import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { freePort, scratchDatabase, spawnTsx } from "./testing/child-process.ts";
import { TEST_METRICS_TOKEN } from "./testing/harness.ts";
import { until } from "./testing/signals.ts";

const main = fileURLToPath(new URL("./dispatcher-main.ts", import.meta.url));
// Its own Redis database: the process uses unprefixed keys (event streams, consumer groups, leases),
// which must not meet anything else running against the shared Redis.
const REDIS_DB = 11;

const run = (env: Record<string, string>) => spawnTsx(main, { LOG_LEVEL: "info", ...env });

describe("the dispatcher process (npm run dispatcher)", () => {
  it("refuses to start on the embedded database and index, saying what to set", async () => {
    const p = run({ PGLITE_DIR: "memory://" });
    expect(await p.exited).toBe(1);
    const lines = p.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^npm run dispatcher needs DATABASE_URL and REDIS_URL \(or REDIS_CLUSTER_NODES\): .*npm start/,
    );
  });

  it("takes every zone alone, answers /healthz, /readyz and /metrics, and hands its zones back on SIGTERM", async () => {
    const db = await scratchDatabase("t_disp");
    const redisUrl = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
    redisUrl.pathname = `/${REDIS_DB}`;
    const redis = new Redis(redisUrl.toString());
    const before = new Set(await redis.keys("*"));
    const port = await freePort();
    const p = run({
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl.toString(),
      SEED_DEMO: "true",
      DISPATCHER_PORT: String(port),
      METRICS_TOKEN: TEST_METRICS_TOKEN,
    });
    const auth = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };
    try {
      await until("the dispatcher running", () => p.output().stdout.includes("dispatcher running"), 40_000);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ ready: true });
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`, { headers: auth })).json()) as {
        zonesHeld: string[];
        dispatchersLive: number;
      };
      expect(ready.zonesHeld).toHaveLength(6);
      expect(ready.dispatchersLive).toBe(1);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: auth })).text();
      expect(metrics).toMatch(/^dispatch_zones_held 6$/m);
      // No tRPC here.
      expect((await fetch(`http://127.0.0.1:${port}/trpc/health.status`)).status).toBe(404);

      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
      expect(p.output().stdout).toContain("shutdown complete");
      const leases = await Promise.all(ready.zonesHeld.map((z) => redis.exists(`dispatch:{${z}}:lease`)));
      expect(leases.every((n) => n === 0)).toBe(true);
    } finally {
      if (p.child.exitCode === null) p.child.kill("SIGKILL");
      const added = (await redis.keys("*")).filter((k) => !before.has(k));
      if (added.length > 0) await redis.del(...added);
      redis.disconnect();
      await db.drop();
    }
  }, 60_000);
});
