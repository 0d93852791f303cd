// Payments that wait for the synchronous standby (commit-rule.ts) on the CI pair (.ci/pg-standby.sh:
// synchronous_standby_names names the standby, the default synchronous_commit is local). A confirmed
// payment, and a refund decided by a cancel, are read on the standby the moment the call returns, once
// and with no retry. Without the rule the same read misses them whenever the standby is behind, shown
// deterministically by pausing its replay. Fails, never skips, without a standby.
import { sql } from "@pizza/db";
import { standbyUrlOf, TEST_DATABASE_URL } from "@pizza/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aDeliveryOrder, storeId } from "../../testing/builders.ts";
import { createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { withReplayPaused } from "../../testing/standby.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { card } from "./payments.test-support.ts";

/** One read on the standby, no retry. */
async function onStandby<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const paymentOf = (url: string, orderId: string) =>
  onStandby<{ status: string; amount: number }>(
    url,
    "select status, amount from payments where order_id = $1",
    [orderId],
  );

async function platformOnThePair(syncStandby: boolean): Promise<{ t: TestPlatform; standbyUrl: string }> {
  let standbyUrl = "";
  const t = await createTestPlatform(
    { db: "postgres", redis: false },
    {
      seed: true,
      envFor: async (db) => {
        standbyUrl = await standbyUrlOf(db);
        // DATABASE_URL satisfies the configuration's rules; the platform uses the test's own database.
        return { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SYNC_STANDBY: String(syncStandby) };
      },
    },
  );
  return { t, standbyUrl };
}

async function placeAndPay(t: TestPlatform) {
  const me = await aCustomer(t);
  const order = await t.caller(me).order.placeOrder(aDeliveryOrder(await storeId(t, "nyc-midtown")));
  const pay = () =>
    t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
  return { me, order, pay };
}

describe("payments with DATABASE_SYNC_STANDBY on the CI pair", () => {
  let t: TestPlatform;
  let standbyUrl: string;

  beforeAll(async () => {
    ({ t, standbyUrl } = await platformOnThePair(true));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a confirmed payment and a cancel's refund are on the standby when the calls return", async () => {
    const { me, order, pay } = await placeAndPay(t);
    expect(await pay()).toMatchObject({ status: "succeeded" });
    expect(await paymentOf(standbyUrl, order.id)).toEqual([{ status: "succeeded", amount: order.total }]);

    await t.caller(me).order.cancelOrder({ orderId: order.id });
    const refunds = await onStandby<{ amount: number }>(
      standbyUrl,
      "select r.amount from refunds r join payments p on p.id = r.payment_id where p.order_id = $1",
      [order.id],
    );
    expect(refunds).toEqual([{ amount: order.total }]);
    await t.platform.services.payments.settled();
  });

  it("the confirmation waits while the standby has not applied it, and returns once it has", async () => {
    const { order, pay } = await placeAndPay(t);
    const database = new URL(standbyUrl).pathname.slice(1);
    let returned = false;
    let paying: Promise<unknown> = Promise.resolve();
    await withReplayPaused(standbyUrl, async () => {
      paying = pay().finally(() => {
        returned = true;
      });
      await until("the payment's commit waiting for the standby", async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where wait_event = 'SyncRep' and datname = ${database}`.execute(t.platform.db);
        return rows[0]!.n > 0;
      });
      expect(returned).toBe(false);
    });
    expect(await paying).toMatchObject({ status: "succeeded" });
    expect(await paymentOf(standbyUrl, order.id)).toEqual([{ status: "succeeded", amount: order.total }]);
  });
});

describe("payments without DATABASE_SYNC_STANDBY on the CI pair", () => {
  let t: TestPlatform;
  let standbyUrl: string;

  beforeAll(async () => {
    ({ t, standbyUrl } = await platformOnThePair(false));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("return before the standby has the payment: the same read misses it while the standby is behind", async () => {
    const { order, pay } = await placeAndPay(t);
    await withReplayPaused(standbyUrl, async () => {
      expect(await pay()).toMatchObject({ status: "succeeded" });
      const seen = await paymentOf(standbyUrl, order.id);
      expect(seen.filter((p) => p.status === "succeeded")).toEqual([]);
    });
  });
});
