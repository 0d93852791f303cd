import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type DispatchEvent, Dispatcher } from "../dispatcher.ts";
import { destination } from "../geo.ts";
import { aRecord } from "../index/driver-index.contract.ts";
import { RedisDriverIndex } from "../index/redis-driver-index.ts";
import { connectTestRedis, deletePrefix, randomPrefix } from "../index/redis-test-helpers.ts";
import { RedisZoneLeases } from "./zone-leases.ts";

const ZONES = ["z1", "z2", "z3", "z4", "z5", "z6"];
const STORE = { lat: 52.52, lng: 13.405 };
const TTL = 1_200;

let redis: Redis;
let prefix = randomPrefix();
const started: RedisZoneLeases[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
});
afterEach(async () => {
  for (const l of started.splice(0)) await l.stop({ release: true });
  await deletePrefix(redis, prefix);
});
afterAll(async () => {
  await redis?.quit();
});

/** A lease manager driven by the test (`round()`), with a short TTL. */
function leases(owner: string, zones = ZONES): RedisZoneLeases {
  const l = new RedisZoneLeases({
    redis,
    zones: () => zones,
    keyPrefix: prefix,
    owner,
    ttlMs: TTL,
    renewMs: 300,
  });
  started.push(l);
  return l;
}

/** Runs rounds of every live manager until `done` holds (positive signal, with a deadline). */
async function roundsUntil(live: RedisZoneLeases[], done: () => boolean): Promise<void> {
  await vi.waitFor(
    async () => {
      for (const l of live) await l.round();
      if (!done())
        throw new Error(`still waiting: ${live.map((l) => `${l.owner}=${l.held().join(",")}`).join(" ")}`);
    },
    { timeout: 15_000, interval: 50 },
  );
}

describe("zone leases (Redis)", () => {
  it("splits the zones evenly between live dispatchers, never one zone to both, and a dead one's zones move within the TTL", async () => {
    prefix = randomPrefix();
    const a = leases("a");
    await a.round();
    expect(a.held().sort()).toEqual(ZONES);
    const b = leases("b");
    await roundsUntil([a, b], () => a.held().length === 3 && b.held().length === 3);
    expect([...a.held(), ...b.held()].sort()).toEqual(ZONES);
    // Every lease key names its holder and token.
    for (const z of a.held()) expect(await redis.get(`${prefix}{${z}}:lease`)).toBe(`a;${a.fenceFor(z)}`);

    // a stops renewing without handing anything back (a crash): b takes its zones once they run out.
    await a.stop({ release: false });
    await roundsUntil([b], () => b.held().length === 6);
    expect(a.held()).toEqual([]);
  });

  it("refuses an old holder's writes after its lease passed on (fencing in the index's scripts)", async () => {
    prefix = randomPrefix();
    const index = new RedisDriverIndex(redis, { keyPrefix: prefix });
    const a = leases("a", ["z1"]);
    await a.round();
    const oldToken = a.fenceFor("z1")!;
    expect(oldToken).toBeGreaterThan(0);
    await index.ingest("d1", "z1", { ...destination(STORE, 0, 300), ts: Date.now() });
    await index.setStatus("d1", "z1", "available");
    const rec = aRecord({ deliveryId: "del-1", region: "z1", pickup: STORE, readyAt: Date.now() });
    expect(await index.putRequest(rec, { expectedVersion: null, dueAt: Date.now() })).toBe(true);

    // a is paused (no renewal); its lease runs out and b takes the zone with a larger token.
    await a.stop({ release: false });
    const b = leases("b", ["z1"]);
    await roundsUntil([b], () => b.held().length === 1);
    expect(b.fenceFor("z1")).toBeGreaterThan(oldToken);

    // a wakes up and acts on what it decided before the pause: every write is refused.
    const next = { ...rec, status: "offered" as const, driverId: "d1", offerDeadline: Date.now() + 30_000 };
    const claim = await index.claim("z1", "d1", "del-1", {
      deadline: Date.now() + 30_000,
      record: { next, expectedVersion: 1 },
      fence: oldToken,
    });
    expect(claim).toEqual({ ok: false, reason: "fenced" });
    expect(
      await index.putRequest(rec, { expectedVersion: 1, dueAt: Date.now() + 60_000, fence: oldToken }),
    ).toBe(false);
    expect(await index.leaseDue("z1", Date.now(), 10_000, 10, oldToken)).toEqual([]);
    expect((await index.getRequest("z1", "del-1"))?.status).toBe("waiting");
    expect((await index.getDriver("d1", "z1"))?.state).toBe("available");

    // The holder's token is accepted.
    const bClaim = await index.claim("z1", "d1", "del-1", {
      deadline: Date.now() + 30_000,
      record: { next, expectedVersion: 1 },
      fence: b.fenceFor("z1")!,
    });
    expect(bClaim).toEqual({ ok: true });
  });

  it("a dispatcher paused mid-attempt makes no offer once its lease has passed on; the new holder does", async () => {
    prefix = randomPrefix();
    const index = new RedisDriverIndex(redis, { keyPrefix: prefix });
    const a = leases("a", ["z1"]);
    await a.round();
    const events: Array<DispatchEvent & { by: string }> = [];
    const dispatcher = (by: string, gate: RedisZoneLeases) => {
      const d = new Dispatcher({ index, zones: gate, leaseMs: 300 });
      d.subscribe((e) => {
        events.push({ ...e, by });
      });
      return d;
    };
    const da = dispatcher("a", a);
    await index.ingest("d1", "z1", { ...destination(STORE, 0, 300), ts: Date.now() });
    await index.setStatus("d1", "z1", "available");

    // a's claim is held (the process stalls) after it has chosen d1.
    const claim = index.claim.bind(index);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let reached!: () => void;
    const stalled = new Promise<void>((r) => {
      reached = r;
    });
    index.claim = async (...args) => {
      reached();
      await gate;
      return claim(...args);
    };
    const pending = da.request({
      deliveryId: "del-1",
      region: "z1",
      pickup: STORE,
      dropoff: destination(STORE, 45, 2000),
    });
    await stalled;
    index.claim = claim;

    await a.stop({ release: false });
    const b = leases("b", ["z1"]);
    await roundsUntil([b], () => b.held().length === 1);
    release();
    expect((await pending).status).toBe("waiting");
    expect(events.filter((e) => e.type === "offer_made")).toEqual([]);

    // b's tick offers it once the delivery's short lease (a's attempt) has passed.
    const db = dispatcher("b", b);
    await vi.waitFor(
      async () => {
        await db.tick();
        if (!events.some((e) => e.type === "offer_made")) throw new Error("no offer yet");
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(events.filter((e) => e.type === "offer_made").map((e) => e.by)).toEqual(["b"]);
    expect((await index.getRequest("z1", "del-1"))?.driverId).toBe("d1");
  });
});
