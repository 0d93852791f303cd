// Failover (issue 18, docs/failover.md) on a pair of its own (temporary directories, ports from 5441;
// never the machine's 5432/5433): the platform runs on a multi-host DATABASE_URL with
// target_session_attrs=read-write, an order is placed and its card payment confirmed (remote_apply on
// the synchronous standby), the primary dies (`pg_ctl stop -m immediate`), the standby is promoted
// (`pg_ctl promote`), and the platform's very next requests, a read and a write, succeed on the new
// primary with the confirmed order there.
import { parseMultiHostUrl, pickHost } from "@pizza/db";
import { type PgPair, startPgPair } from "@pizza/db/pg-pair";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CARDS } from "../modules/payments/gateway/payment-gateway.ts";
import { card } from "../modules/payments/payments.test-support.ts";
import { createPlatform, type Platform } from "../platform.ts";
import { createCaller } from "../root.ts";
import { aCustomer, aDeliveryOrder, storeId } from "../testing/builders.ts";
import { type TestPlatform, testConfig } from "../testing/harness.ts";
import { createContextInner } from "../trpc.ts";

describe("failover to a promoted standby", () => {
  let pair: PgPair;
  let platform: Platform | undefined;
  let t: TestPlatform;

  beforeAll(async () => {
    pair = await startPgPair();
    await pair.query(pair.primary, "create database pizza");
    const config = testConfig({
      DATABASE_URL: pair.multiHostUrl("pizza"),
      DATABASE_SYNC_STANDBY: "true",
      SEED_DEMO: "true",
      DB_POOL_SIZE: "4",
    });
    platform = await createPlatform(config, { log: pino({ level: "silent" }) });
    const p = platform;
    t = {
      platform: p,
      db: undefined as never,
      caller: (user, ip) => createCaller(createContextInner({ platform: p, user: user ?? null, ip })),
      close: async () => {},
    };
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    await pair?.close();
  });

  it("connects to the host that accepts writes, wherever it is in the list", async () => {
    const { primary, standby } = pair;
    const standbyFirst = `postgres://postgres@127.0.0.1:${standby.port},127.0.0.1:${primary.port}/pizza?target_session_attrs=read-write`;
    expect((await pickHost(parseMultiHostUrl(standbyFirst)!)).port).toBe(primary.port);
  });

  it("keeps a confirmed order, and the next requests succeed on the new primary", async () => {
    const me = await aCustomer(t);
    const midtown = await storeId(t, "nyc-midtown");
    const order = await t.caller(me).order.placeOrder(aDeliveryOrder(midtown));
    const paid = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(paid).toMatchObject({ status: "succeeded" });
    // Drain the sweeps' in-flight work so the failover hits idle connections, as between two requests.
    await t.platform.services.payments.settled();

    await pair.stopPrimary();
    await pair.promoteStandby();

    const after = await t.caller(me).order.getOrder({ orderId: order.id });
    expect(after.status).toBe("placed");
    expect((await t.caller(me).payment.getPayment({ orderId: order.id })).payment).toMatchObject({
      status: "succeeded",
      amount: order.total,
    });
    const next = await t.caller(me).order.placeOrder(aDeliveryOrder(midtown));
    expect(next.status).toBe("pending_payment");
    // Both are on the promoted node (the old standby's port), which now accepts writes.
    const rows = await pair.query<{ id: string }>(
      pair.standby,
      `select id from orders where id in ('${order.id}', '${next.id}')`,
      "pizza",
    );
    expect(rows.map((r) => r.id).sort()).toEqual([order.id, next.id].sort());
  });
});
