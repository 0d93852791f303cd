// The order's row lock (payments, transitions, undo, the autopilot) is FOR NO KEY UPDATE: it keeps two
// writers of one order apart, but never blocks the foreign-key check of a row that only refers to the
// order (its tracking link, a status history row, a payment, a delivery). With FOR UPDATE, every receipt's
// tracking link waited for whatever payment or transition held the order (issue 19: 20 ms a link at
// 600 orders a minute). Real PostgreSQL: PGlite has one connection and so no lock waits to see.
import { sql } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, storeId } from "../../testing/builders.ts";
import { createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { orderForPayment } from "./order-for-payment.ts";
import { ensureTrackToken } from "./track-links.ts";

describe("the order's row lock (real PostgreSQL)", () => {
  let t: TestPlatform;
  let order: { id: string; regionCode: string };

  beforeAll(async () => {
    t = await createTestPlatform({ db: "postgres", redis: false }, { seed: true });
    const customer = await aCustomer(t);
    const placed = await t.caller(customer).order.placeOrder(aCarryoutOrder(await storeId(t, "nyc-midtown")));
    const row = await t.platform.db
      .selectFrom("orders")
      .select("region_code")
      .where("id", "=", placed.id)
      .executeTakeFirstOrThrow();
    order = { id: placed.id, regionCode: row.region_code };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A payments transaction holding the order's row lock until `release` is called. */
  async function aPaymentHoldingTheOrder() {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const done = t.platform.db.transaction().execute(async (trx) => {
      await orderForPayment(trx, order.id, { lock: true });
      locked();
      await held;
    });
    await isLocked;
    return {
      release: async () => {
        release();
        await done;
      },
    };
  }

  it("keeps a second writer of the order waiting", async () => {
    const payment = await aPaymentHoldingTheOrder();
    try {
      const second = t.platform.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '300ms'`.execute(trx);
        return orderForPayment(trx, order.id, { lock: true });
      });
      await expect(second).rejects.toThrow(/lock timeout/);
    } finally {
      await payment.release();
    }
  });

  it("does not block a row that only refers to the order while a payment holds it", async () => {
    const payment = await aPaymentHoldingTheOrder();
    try {
      // Under FOR UPDATE this insert's foreign-key check (FOR KEY SHARE on the order) would wait, and
      // fail after the lock timeout; under FOR NO KEY UPDATE it goes through at once.
      const token = await t.platform.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '2s'`.execute(trx);
        return ensureTrackToken(trx, order);
      });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await payment.release();
    }
  });
});
