import { createTestDb, type DbHandle } from "@pizza/db/testing";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedis } from "../infra/redis.ts";
import { backings } from "../testing/harness.ts";
import { deferred, groupCaughtUp, tapDeliveries, watchPublishes } from "../testing/signals.ts";
import { createTestRedisFor, type RedisTopology, testRedisTarget } from "../testing/test-redis.ts";
import { EventsRuntime, handleOnce } from "./consumers.ts";
import { waitFor } from "./event-bus.contract.ts";
import type { BusEvent, EventBus } from "./event-bus.ts";
import { MemoryEventBus } from "./memory-event-bus.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import { RedisStreamsEventBus } from "./redis-streams-event-bus.ts";
import { countEffects, createEffectsTable, OwnRedisServer, writeEvents } from "./testing.ts";

const log = pino({ level: "silent" });
const busOptions = { maxAttempts: 5, claimIdleMs: 300 };

const relayBackings = [
  ...backings.map((b) => ({ ...b, topology: "single" as RedisTopology })),
  {
    name: "real (PostgreSQL, Redis Cluster)",
    db: "postgres" as const,
    redis: true,
    topology: "cluster" as const,
  },
];

describe.each(relayBackings)("outbox relay and idempotent consumers — $name", (backing) => {
  let db: DbHandle;
  let makeBus: () => EventBus;
  let cleanups: (() => Promise<void>)[];

  beforeEach(async () => {
    cleanups = [];
    db = await createTestDb(backing.db);
    await createEffectsTable(db.db);
    if (backing.redis) {
      const redis = await createTestRedisFor(testRedisTarget(backing.topology));
      cleanups.push(redis.cleanup);
      // Each "node" gets its own bus instance on the same Redis keys, like separate processes would.
      makeBus = () => {
        const bus = new RedisStreamsEventBus(redis.redis, { ...busOptions, blockMs: 200 });
        cleanups.unshift(() => bus.close());
        return bus;
      };
    } else {
      const shared = new MemoryEventBus(busOptions);
      cleanups.push(() => shared.close());
      makeBus = () => shared;
    }
  });
  afterEach(async () => {
    for (const c of cleanups) await c();
    await db.close();
  });

  it("publishes every outbox row once, in seq order, and marks it published", async () => {
    const bus = makeBus();
    const got: BusEvent[] = [];
    await bus.subscribe({ group: "probe", topics: ["order.status_changed"] }, async (e) => {
      got.push(e);
    });
    const [first] = await writeEvents(db.db, 120);
    await writeEvents(db.db, 130);
    const relay = new OutboxRelay(db.db, bus, log, { batchSize: 50 });
    expect(await relay.drain()).toBe(250);
    expect(await relay.drain()).toBe(0);
    const rows = await db.db.selectFrom("outbox").select(["id", "published_at"]).orderBy("seq").execute();
    expect(rows.every((r) => r.published_at !== null)).toBe(true);
    await waitFor(() => got.length >= 250, 10_000, "250 events");
    expect(got.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    expect(got[0]!.payload).toEqual(first!.payload);
  });

  it("with several relays running at once (several nodes), still publishes each row once", async () => {
    const bus = makeBus();
    const got: string[] = [];
    let markerSeen = false;
    await bus.subscribe({ group: "probe", topics: ["order.placed"] }, async (e) => {
      if (e.payload.marker) markerSeen = true;
      else got.push(e.id);
    });
    await writeEvents(db.db, 300, "order.placed");
    const relays = [1, 2, 3].map(() => new OutboxRelay(db.db, makeBus(), log, { batchSize: 20 }));
    const counts = await Promise.all(relays.map((r) => r.drain()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    // A marker published after every relay finished: the group receives in publish order, so a
    // duplicate of any of the 300 would have arrived before it.
    await writeEvents(db.db, 1, "order.placed", () => ({ marker: true }));
    expect(await relays[0]!.drain()).toBe(1);
    await waitFor(() => markerSeen, 10_000, "the marker after the 300 events");
    expect(got).toHaveLength(300);
    expect(new Set(got).size).toBe(300);
  });

  it("kills a consumer mid-batch; the next one claims the rest and every event takes effect exactly once", async () => {
    const N = 40;
    // The dying node: applies half the events (their effects commit) and then freezes before acknowledging.
    let handled = 0;
    let frozen: string | undefined;
    const dyingBus = makeBus();
    const dying = await dyingBus.subscribe(
      { group: "effects", topics: ["order.ready"], from: "beginning" },
      async (e) => {
        await handleOnce(db.db, "effects", e.id, async (trx) => {
          await trx
            .insertInto("test_effects" as never)
            .values({ consumer: "effects", event_id: e.id } as never)
            .execute();
        });
        handled++;
        if (handled >= N / 2) {
          frozen = e.id;
          await new Promise(() => {});
        }
      },
    );
    await writeEvents(db.db, N, "order.ready");
    const relay = new OutboxRelay(db.db, dyingBus, log);
    await relay.drain();
    await waitFor(() => handled >= N / 2, 10_000, "half the batch");
    await dying.close();

    // The node that takes over runs the same consumer through the runtime.
    const takeover = tapDeliveries(makeBus());
    const runtime = new EventsRuntime(db.db, takeover.bus, log);
    runtime.register({
      name: "effects",
      topics: ["order.ready"],
      handle: async (e, trx) => {
        await trx
          .insertInto("test_effects" as never)
          .values({ consumer: "effects", event_id: e.id } as never)
          .execute();
      },
    });
    await runtime.start({ relay: false });
    await waitFor(async () => (await countEffects(db.db)).distinct >= N, 15_000, "all effects");
    // The event the dying node applied but never acknowledged comes again: only once that redelivery
    // has been dealt with is there nothing left that could apply an effect twice.
    await waitFor(() => takeover.finished.has(frozen!), 15_000, "the frozen event's redelivery");
    expect(await countEffects(db.db)).toEqual({ total: N, distinct: N });
    const processed = await db.db.selectFrom("processed_events").select("event_id").execute();
    expect(processed).toHaveLength(N);
    await runtime.stop();
  });

  it("runs the relay and consumers from the runtime: rows written later are published without a nudge", async () => {
    const runtime = new EventsRuntime(db.db, makeBus(), log, { pollMs: 20 });
    const got: string[] = [];
    runtime.registerLive({
      name: "live-probe",
      topics: ["order.placed"],
      handle: async (e) => {
        got.push(e.id);
      },
    });
    await runtime.start();
    const written = await writeEvents(db.db, 5, "order.placed");
    await waitFor(() => got.length >= 5, 10_000, "5 events");
    expect(got).toHaveLength(written.length);
    await runtime.stop();
  });
});

describe("event bus across a Redis restart (own redis-server, no persistence)", () => {
  it("loses no event: the relay retries while Redis is down and republishes what the restart wiped", async () => {
    const server = await OwnRedisServer.start();
    const db = await createTestDb("postgres");
    const redis = createRedis(server.url);
    redis.on("error", () => {});
    const bus = new RedisStreamsEventBus(redis, { ...busOptions, blockMs: 200 });
    const publishes = watchPublishes(bus);
    const runtime = new EventsRuntime(db.db, bus, log, { pollMs: 20 });
    // While set, the consumer stops before applying an effect: published events wait unconsumed in the stream.
    let held: Promise<void> | undefined;
    const gate = deferred();
    try {
      await createEffectsTable(db.db);
      runtime.register({
        name: "effects",
        topics: ["order.status_changed"],
        handle: async (e, trx) => {
          await held;
          await trx
            .insertInto("test_effects" as never)
            .values({ consumer: "effects", event_id: e.id } as never)
            .execute();
        },
      });
      await runtime.start();
      await writeEvents(db.db, 30);
      await waitFor(async () => (await countEffects(db.db)).distinct >= 30, 15_000, "first 30");

      held = gate.promise;
      await writeEvents(db.db, 60);
      await waitFor(
        async () =>
          (await db.db.selectFrom("outbox").select("seq").where("published_at", "is", null).execute())
            .length === 0,
        10_000,
        "the relay to publish the second batch",
      );
      const before = await countEffects(db.db);
      await server.kill();
      expect(before.distinct).toBeLessThan(90); // some published events were still unconsumed and are now gone from Redis
      const whileDown = new Set((await writeEvents(db.db, 30)).map((m) => m.aggregateId));
      await waitFor(
        () => publishes.refused((e) => whileDown.has(e.aggregateId)),
        15_000,
        "the relay to try the rows written while Redis is down, and fail",
      );
      held = undefined;
      gate.resolve();
      await server.start();

      await waitFor(
        async () => (await countEffects(db.db)).distinct >= 120,
        30_000,
        "all 120 effects after the restart",
      );
      await waitFor(
        () => groupCaughtUp(db.db, bus, redis, "order.status_changed", "effects"),
        15_000,
        "the group to have read and acknowledged everything",
      );
      expect(await countEffects(db.db)).toEqual({ total: 120, distinct: 120 });
    } finally {
      gate.resolve();
      publishes.restore();
      await runtime.stop();
      await bus.close();
      redis.disconnect();
      await server.kill();
      await db.close();
    }
  }, 60_000);
});
