import { randomBytes } from "node:crypto";
import { RedisDriverIndex } from "@pizza/dispatch";
import type { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClusterPrimary, clusterAdmin, moveSlot, ownerOf, primaries } from "../testing/cluster-slots.ts";
import { createTestRedisCluster, type TestRedis } from "../testing/test-redis.ts";
import { anEvent, waitFor } from "./event-bus.contract.ts";
import { RedisStreamsEventBus } from "./redis-streams-event-bus.ts";

/**
 * A resharding under traffic: the hash slot of an event bus (and of a driver-index region sharing its tag)
 * moves to another primary while a loop publishes, consumes and writes positions through the platform's
 * own code. The clients follow ASK (keys already moved) and MOVED (after the move); nothing is lost.
 * The bus gets a tag of its own, so the other suites on the cluster never see their slot move.
 */
describe("Redis Cluster: a slot moves under traffic", () => {
  const admin = clusterAdmin();
  let redis: TestRedis<Cluster>;
  let slot: number;
  let home: ClusterPrimary;
  let target: ClusterPrimary | undefined;

  beforeAll(async () => {
    redis = await createTestRedisCluster();
  });
  afterAll(async () => {
    // Back where it was, so the cluster looks as before (other suites do not depend on it either way); a
    // move the test left half done is finished first (moveSlot picks up where it stopped).
    if (target) await moveSlot(admin, slot, target);
    if (home) await moveSlot(admin, slot, home);
    await redis?.cleanup();
    admin.disconnect();
  });

  it("publishers and consumers of the bus follow ASK and MOVED, and every published event is consumed", async () => {
    const tag = `bus-${randomBytes(4).toString("hex")}`;
    slot = (await admin.cluster("KEYSLOT", `{${tag}}`)) as number;
    home = await ownerOf(admin, slot);
    const to = (await primaries(admin)).find((p) => p.id !== home.id)!;
    target = to;

    const bus = new RedisStreamsEventBus(redis.redis, {
      streamPrefix: `events:{${tag}}:`,
      blockMs: 100,
      claimIdleMs: 500,
    });
    const index = new RedisDriverIndex(redis.redis, { keyPrefix: "dispatch:" });
    const seen = new Set<string>();
    await bus.subscribe(
      { group: "migration", topics: ["order.placed", "order.ready"], from: "beginning" },
      async (e) => {
        seen.add(e.id);
      },
    );

    // Two loops through the platform's code: the bus (publish, and the subscription above consuming) and
    // the driver index (single-slot Lua scripts). A failure is kept, and the loop goes on after a pause.
    const published: string[] = [];
    const failures: unknown[] = [];
    const lastTs = new Map<string, number>();
    let stop = false;
    let lastWritten = 0;
    const loop = async (step: (i: number) => Promise<void>) => {
      for (let i = 0; !stop && failures.length < 20; i++) {
        await step(i).catch(async (error) => {
          failures.push(error);
          await new Promise((r) => setTimeout(r, 50));
        });
      }
    };
    const traffic = Promise.all([
      loop(async (i) => {
        const batch = [anEvent("order.placed", { i }), anEvent("order.ready", { i })];
        await bus.publish(batch);
        published.push(...batch.map((e) => e.id));
      }),
      loop(async (i) => {
        const driver = `d${i % 5}`;
        const ts = Math.max(Date.now(), lastWritten + 1); // strictly newer: every write is accepted
        lastWritten = ts;
        const res = await index.ingest(driver, tag, { lat: 40.75 + i / 1e6, lng: -73.98, ts });
        if (res.accepted) lastTs.set(driver, ts);
      }),
    ]);
    const trafficFor = async (n: number, what: string) => {
      const mark = published.length;
      await waitFor(() => published.length >= mark + n, 10_000, what);
    };

    await trafficFor(20, "traffic before the move");
    const moved = await moveSlot(admin, slot, to, () => trafficFor(10, "traffic while the slot is split"));
    await trafficFor(20, "traffic after the move");
    stop = true;
    await traffic;

    expect(moved).toBeGreaterThanOrEqual(2); // the two streams at least, and the region's keys
    expect((await ownerOf(admin, slot)).id).toBe(to.id);
    // The client's own slot map now points at the new owner: it followed the redirection.
    expect(redis.redis.slots[slot]?.[0]).toBe(`${to.host}:${to.port}`);
    expect(failures).toEqual([]);
    await waitFor(() => published.every((id) => seen.has(id)), 10_000, "every published event consumed");
    expect(seen.size).toBe(published.length);
    for (const [driver, ts] of lastTs) expect((await index.getDriver(driver, tag))?.position?.ts).toBe(ts);
    await bus.close();
  });
});
