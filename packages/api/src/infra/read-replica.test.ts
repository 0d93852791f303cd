// Read routing on the CI pair (primary 5432, streaming standby 5433; .ci/pg-standby.sh): lag-tolerant
// reads go to the standby while its measured lag is within the limit, and to the primary when it falls
// behind (replay paused) or does not answer. Fails, never skips, without a standby.
import { type DbHandle, sql } from "@pizza/db";
import { createTestDb, standbyUrlOf, TEST_DATABASE_URL } from "@pizza/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aDeliveryOrder, aStaff, storeId } from "../testing/builders.ts";
import { createTestPlatform, type TestPlatform } from "../testing/harness.ts";
import { until } from "../testing/signals.ts";
import { answersFrom, withReplayPaused } from "../testing/standby.ts";
import { StandbyReads } from "./read-replica.ts";

const log = pino({ level: "silent" });

describe("lag-tolerant reads on the CI pair", () => {
  let primary: DbHandle;
  let standbyUrl: string;
  let reads: StandbyReads;

  beforeAll(async () => {
    primary = await createTestDb("postgres");
    standbyUrl = await standbyUrlOf(primary);
    reads = new StandbyReads(primary, standbyUrl, { maxLagMs: 300, checkMs: 60_000 }, log);
  });
  afterAll(async () => {
    await reads?.close();
    await primary?.close();
  });

  it("go to the standby while its measured lag is within the limit", async () => {
    const status = await reads.check();
    expect(status.reads).toBe("standby");
    expect(status.lag_ms).toBeGreaterThanOrEqual(0);
    expect(status.lag_ms).toBeLessThanOrEqual(300);
    expect(await answersFrom(reads.db)).toBe("standby");
  });

  it("go to the primary while the standby is behind, and back once it has caught up", async () => {
    await withReplayPaused(standbyUrl, async () => {
      await sql`create table lag_probe (id int)`.execute(primary.db);
      const mark = await reads.mark();
      const behind = await reads.check();
      expect(behind.reads).toBe("primary");
      expect(behind.lag_ms).toBeGreaterThan(300);
      expect(await answersFrom(reads.db)).toBe("primary");
      // A read that must see the write (a menu of a newer generation) goes to the primary too.
      expect(await answersFrom(await reads.after(mark))).toBe("primary");
    });
    const back = await until("the standby caught up", async () => {
      const s = await reads.check();
      return s.reads === "standby" && s;
    });
    expect(back.lag_ms).toBeLessThanOrEqual(300);
    const mark = await reads.mark();
    await until(
      "the standby replayed the mark",
      async () => (await answersFrom(await reads.after(mark))) === "standby",
    );
    expect(await answersFrom(reads.db)).toBe("standby");
  });

  it("go to the primary when the standby does not answer", async () => {
    const dead = new StandbyReads(
      primary,
      "postgres://postgres@127.0.0.1:1/none",
      { maxLagMs: 300, checkMs: 60_000 },
      log,
    );
    try {
      expect(await dead.check()).toEqual({ lag_ms: null, reads: "primary" });
      expect(await answersFrom(dead.db)).toBe("primary");
    } finally {
      await dead.close();
    }
  });
});

describe("the platform with DATABASE_READ_URL", () => {
  let t: TestPlatform;
  let standbyUrl: string;

  beforeAll(async () => {
    t = await createTestPlatform(
      { db: "postgres", redis: false },
      {
        seed: true,
        envFor: async (db) => {
          standbyUrl = await standbyUrlOf(db);
          // DATABASE_URL satisfies the configuration's rules; the platform uses the test's own database.
          // One measure at start and none for a minute: the test decides when the standby falls behind.
          return {
            DATABASE_URL: TEST_DATABASE_URL,
            DATABASE_READ_URL: standbyUrl,
            DATABASE_READ_CHECK_MS: "60000",
          };
        },
      },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reports the lag in /readyz's details, and store lists read the standby", async () => {
    const ready = await until("the first lag measure", async () => {
      const r = await t.platform.readiness();
      return r.replication?.reads === "standby" && r;
    });
    expect(ready.replication).toEqual({ lag_ms: expect.any(Number), reads: "standby" });
    const before = (await t.platform.services.stores.list()).find((s) => s.slug === "nyc-midtown")!;
    await withReplayPaused(standbyUrl, async () => {
      await t.platform.db
        .updateTable("stores")
        .set({ name: "Renamed on the primary" })
        .where("slug", "=", "nyc-midtown")
        .execute();
      // The watch has not measured since: the list still comes from the standby, which has not seen the rename.
      const listed = (await t.platform.services.stores.list()).find((s) => s.slug === "nyc-midtown")!;
      expect(listed.name).toBe(before.name);
      // A state path (the store itself, as the console reads it) stays on the primary.
      expect((await t.platform.services.stores.get(before.id)).name).toBe("Renamed on the primary");
    });
  });

  it("reads order history on the standby, the order itself on the primary", async () => {
    await until(
      "reads on the standby",
      async () => (await t.platform.readiness()).replication?.reads === "standby",
    );
    const me = await aCustomer(t);
    await withReplayPaused(standbyUrl, async () => {
      const order = await t.caller(me).order.placeOrder(aDeliveryOrder(await storeId(t, "nyc-midtown")));
      expect((await t.caller(me).order.getOrder({ orderId: order.id })).id).toBe(order.id);
      expect((await t.caller(me).order.history({ limit: 10 })).orders).toEqual([]);
    });
  });

  it("builds a menu changed on the primary there while the standby has not replayed the change", async () => {
    await until(
      "reads on the standby",
      async () => (await t.platform.readiness()).replication?.reads === "standby",
    );
    const midtown = await storeId(t, "nyc-midtown");
    const staff = await aStaff(t, "nyc-midtown");
    const mushrooms = async () =>
      (await t.caller().menu.getMenu({ storeId: midtown })).toppings.find((x) => x.id === "mushrooms")!
        .available;
    expect(await mushrooms()).toBe(true);
    await withReplayPaused(standbyUrl, async () => {
      await t.caller(staff).store.setAvailability({
        storeId: midtown,
        entity: "topping",
        entityId: "mushrooms",
        available: false,
      });
      // The new generation carries the primary's position; the paused standby is not there, so the primary builds it.
      expect(await mushrooms()).toBe(false);
    });
  });
});
