// Help with an order (issue 16) on real databases: a customer files a problem about their own order, the
// store answers it once — a refund bounded by what was paid minus what was refunded, a credit only that
// customer can use, or a decline — and the customer sees the outcome. Not yours = NOT_FOUND.
import { sql } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "../payments/gateway/payment-gateway.ts";
import { card } from "../payments/payments.test-support.ts";
import { HELP_REQUESTS_PER_HOUR } from "./file-help-request.ts";

describe.each(backings)("help with an order on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;
  let berlinStaff: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
    berlinStaff = await aStaff(t, "ber-mitte");
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A customer with a paid two-line delivery order (pepperoni, margherita). */
  async function paidOrder() {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aDeliveryOrder(midtown));
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    const view = await t.caller(me).order.getOrder({ orderId: order.id });
    expect(view.status).toBe("placed");
    return { me, order: view };
  }

  const paymentOf = (orderId: string) =>
    t.platform.db
      .selectFrom("payments")
      .select(["id", "amount", "amount_refunded", "status"])
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();
  const refundsOf = (paymentId: string) =>
    t.platform.db
      .selectFrom("refunds")
      .select(["amount", "status", "idempotency_key"])
      .where("payment_id", "=", paymentId)
      .execute();

  it("files a problem about one's own order only, once while open, with readable refusals", async () => {
    const { me, order } = await paidOrder();
    const stranger = await aCustomer(t);
    const line = order.items[0]!;
    await expectCode(
      t.caller(stranger).help.file({ orderId: order.id, kind: "missing_item", lineNos: [1], message: "x" }),
      "NOT_FOUND",
    );
    await expectCode(
      t.caller(me).help.file({ orderId: order.id, kind: "missing_item", message: "It was not there" }),
      "BAD_REQUEST",
      /Choose which item/,
    );
    await expectCode(
      t.caller(me).help.file({ orderId: order.id, kind: "wrong_item", lineNos: [99], message: "x" }),
      "BAD_REQUEST",
      /lines of this order/,
    );
    await expectCode(
      t.caller(me).help.file({ orderId: order.id, kind: "late", message: "   " }),
      "BAD_REQUEST",
    );
    expect(await t.caller(me).help.forOrder({ orderId: order.id })).toEqual([]);

    const filed = await t.caller(me).help.file({
      orderId: order.id,
      kind: "missing_item",
      lineNos: [line.lineNo],
      message: "No pepperoni",
    });
    expect(filed).toMatchObject({
      status: "open",
      kind: "missing_item",
      lines: [{ lineNo: line.lineNo, name: line.name, lineTotal: line.lineTotal }],
      hasPhoto: false,
    });
    await expectCode(
      t.caller(me).help.file({ orderId: order.id, kind: "late", message: "And late" }),
      "CONFLICT",
      /already asked/,
    );
    // The store sees it with its order; another store neither sees nor answers it.
    const listed = await t.caller(staff).help.forStore({});
    expect(listed.find((r) => r.id === filed.id)).toMatchObject({
      order: { total: order.total },
      refundableLeft: order.total,
    });
    expect((await t.caller(berlinStaff).help.forStore({})).some((r) => r.id === filed.id)).toBe(false);
    await expectCode(
      t
        .caller(berlinStaff)
        .help.resolve({ helpRequestId: filed.id, action: { type: "decline", reason: "no" } }),
      "NOT_FOUND",
    );
    await expectCode(t.caller(stranger).help.forStore({}), "FORBIDDEN");
    expect(await t.caller(stranger).help.forOrder({ orderId: order.id })).toEqual([]);
  });

  it("refunds a line through the payments ledger and tells the customer, with a note in the order's history", async () => {
    const { me, order } = await paidOrder();
    const line = order.items[1]!;
    const filed = await t.caller(me).help.file({
      orderId: order.id,
      kind: "wrong_item",
      lineNos: [line.lineNo],
      message: "Got a hawaiian",
    });
    const resolved = await t.caller(staff).help.resolve({
      helpRequestId: filed.id,
      action: { type: "refund", lineNos: [line.lineNo], note: "Sorry, we are on it." },
    });
    expect(resolved).toMatchObject({ status: "refunded", refundAmount: line.lineTotal });
    await t.platform.services.payments.settled();
    const payment = await paymentOf(order.id);
    expect(payment).toMatchObject({ amount_refunded: line.lineTotal, status: "partially_refunded" });
    expect(await refundsOf(payment.id)).toEqual([
      {
        amount: line.lineTotal,
        status: "succeeded",
        idempotency_key: `${payment.id}:refund:help:${filed.id}`,
      },
    ]);
    const [seen] = await t.caller(me).help.forOrder({ orderId: order.id });
    expect(seen).toMatchObject({
      status: "refunded",
      refundAmount: line.lineTotal,
      resolutionNote: "Sorry, we are on it.",
    });
    const note = await t.platform.db
      .selectFrom("order_status_history")
      .select(["note", "actor_id"])
      .where("order_id", "=", order.id)
      .where("note", "like", "help%")
      .executeTakeFirstOrThrow();
    expect(note).toMatchObject({
      actor_id: staff.id,
      note: expect.stringMatching(/^help \(wrong item\): refunded/),
    });
    const event = await t.platform.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "help.resolved")
      .where("aggregate_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ outcome: "refunded", amount: line.lineTotal, customerId: me.id });
    // The order history's view lists the latest request per order.
    expect((await t.caller(me).help.mine()).map((r) => r.orderId)).toContain(order.id);
  });

  it("never refunds more than paid minus refunded, and two staff answering at once refund once", async () => {
    const { me, order } = await paidOrder();
    const filed = await t
      .caller(me)
      .help.file({ orderId: order.id, kind: "quality", message: "Cold and soggy" });
    await expectCode(
      t
        .caller(staff)
        .help.resolve({ helpRequestId: filed.id, action: { type: "refund", amount: order.total + 1 } }),
      "PRECONDITION_FAILED",
      /more than what is left/,
    );
    await expectCode(
      t
        .caller(staff)
        .help.resolve({ helpRequestId: filed.id, action: { type: "refund", amount: 1, all: true } }),
      "BAD_REQUEST",
    );
    expect((await t.caller(me).help.forOrder({ orderId: order.id }))[0]!.status).toBe("open");
    const results = await Promise.allSettled([
      t.caller(staff).help.resolve({ helpRequestId: filed.id, action: { type: "refund", all: true } }),
      t.caller(staff).help.resolve({ helpRequestId: filed.id, action: { type: "refund", all: true } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT" });
    await t.platform.services.payments.settled();
    const payment = await paymentOf(order.id);
    expect(payment).toMatchObject({ amount_refunded: order.total, status: "refunded" });
    expect(await refundsOf(payment.id)).toHaveLength(1);
    // Nothing left: a new request can be filed but not refunded again.
    const again = await t
      .caller(me)
      .help.file({ orderId: order.id, kind: "other", message: "Still unhappy" });
    await expectCode(
      t.caller(staff).help.resolve({ helpRequestId: again.id, action: { type: "refund", amount: 1 } }),
      "PRECONDITION_FAILED",
      /refunded in full/,
    );
  });

  it.runIf(backing.db === "postgres")(
    "refunds while the payment is being updated (order, then payment locked): both go through, no deadlock",
    async () => {
      const { me, order } = await paidOrder();
      const line = order.items[0]!;
      const filed = await t.caller(me).help.file({
        orderId: order.id,
        kind: "missing_item",
        lineNos: [line.lineNo],
        message: "No pizza",
      });
      const payment = await paymentOf(order.id);
      let resolving: Promise<unknown> = Promise.resolve();
      // The ledger's writers (a webhook, the sweep) lock the order, then its payment; this one holds
      // the order while the refund starts, and asks for the payment only once the refund waits for it.
      await t.platform.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select 1 from orders where id = ${order.id} for update`.execute(trx);
        resolving = t.caller(staff).help.resolve({
          helpRequestId: filed.id,
          action: { type: "refund", lineNos: [line.lineNo] },
        });
        resolving.catch(() => {});
        await vi.waitFor(
          async () => {
            const blocked = await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity where ${rows[0]!.pid} = any(pg_blocking_pids(pid))`.execute(
              t.platform.db,
            );
            expect(blocked.rows[0]!.n).toBeGreaterThan(0);
          },
          { timeout: 5000, interval: 20 },
        );
        await sql`select 1 from payments where id = ${payment.id} for update`.execute(trx);
      });
      await expect(resolving).resolves.toMatchObject({ status: "refunded", refundAmount: line.lineTotal });
    },
  );

  it("gives a credit once, as a code only that customer can use, bounded by the order", async () => {
    const { me, order } = await paidOrder();
    const filed = await t.caller(me).help.file({ orderId: order.id, kind: "late", message: "An hour late" });
    await expectCode(
      t
        .caller(staff)
        .help.resolve({ helpRequestId: filed.id, action: { type: "credit", amount: order.total + 1 } }),
      "PRECONDITION_FAILED",
      /at most/,
    );
    const results = await Promise.allSettled([
      t.caller(staff).help.resolve({ helpRequestId: filed.id, action: { type: "credit", amount: 500 } }),
      t.caller(staff).help.resolve({ helpRequestId: filed.id, action: { type: "credit", amount: 500 } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [seen] = await t.caller(me).help.forOrder({ orderId: order.id });
    expect(seen).toMatchObject({
      status: "credited",
      creditAmount: 500,
      creditCode: expect.stringMatching(/^CREDIT-/),
    });
    const codes = await t.platform.db
      .selectFrom("promo_codes")
      .select(["code", "customer_id", "usage_limit"])
      .where("customer_id", "=", me.id)
      .execute();
    expect(codes).toEqual([{ code: seen!.creditCode, customer_id: me.id, usage_limit: 1 }]);
    const cart = {
      storeId: midtown,
      channel: "carryout" as const,
      tip: 0,
      items: aCarryoutOrder(midtown).items,
    };
    const mine = await t.caller(me).promo.check({ ...cart, code: seen!.creditCode! });
    expect(mine).toMatchObject({ applies: true });
    const other = await t.caller(await aCustomer(t)).promo.check({ ...cart, code: seen!.creditCode! });
    expect(other).toMatchObject({ applies: false, reasonCode: "not_found" });
    // Nothing was refunded for a credit.
    expect((await paymentOf(order.id)).amount_refunded).toBe(0);
  });

  it("declines with a reason the customer reads, and limits how often one customer files", async () => {
    const { me, order } = await paidOrder();
    const filed = await t.caller(me).help.file({ orderId: order.id, kind: "other", message: "Meh" });
    await expectCode(
      t.caller(staff).help.resolve({ helpRequestId: filed.id, action: { type: "decline", reason: " " } }),
      "BAD_REQUEST",
    );
    await t.caller(staff).help.resolve({
      helpRequestId: filed.id,
      action: { type: "decline", reason: "The photo shows a full pizza." },
    });
    expect((await t.caller(me).help.forOrder({ orderId: order.id }))[0]).toMatchObject({
      status: "declined",
      resolutionNote: "The photo shows a full pizza.",
    });
    for (let i = 1; i < HELP_REQUESTS_PER_HOUR; i++)
      await t
        .caller(me)
        .help.file({ orderId: order.id, kind: "other", message: `again ${i}` })
        .catch(() => {});
    await expectCode(
      t.caller(me).help.file({ orderId: order.id, kind: "other", message: "once more" }),
      "TOO_MANY_REQUESTS",
    );
  });
});
