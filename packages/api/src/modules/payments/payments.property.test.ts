import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { type SimulatedFault, SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { aCustomer, anOrder, card, createPaymentsPlatform } from "./payments.test-support.ts";

const fault = fc.record({
  op: fc.constantFrom<SimulatedFault["op"]>("create", "confirm", "retrieve"),
  kind: fc.constantFrom<SimulatedFault["kind"]>("transient", "timeout", "lost_response"),
});

/**
 * Whatever the gateway does (5xx, timeouts, answers lost after charging, in any order) and however
 * many requests race for one order, once the dust settles (the sweep ran, the webhooks arrived):
 * at most one charge; the payment, the order and the events agree with the gateway.
 */
describe.each(backings)("payments under random faults on $name", (backing) => {
  let t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
  let gateway: SimulatedGateway;
  let me: AuthUser;

  beforeAll(async () => {
    gateway = new SimulatedGateway({ webhookDelivery: "manual", latencyMs: 2, timeoutMs: 5 });
    t = await createPaymentsPlatform(backing, gateway);
    me = await aCustomer(t.platform.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("never charges twice and always ends consistent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fault, { maxLength: 8 }),
        fc.array(fc.constantFrom(TEST_CARDS.succeeds, TEST_CARDS.declined), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (faults, cards, sameRequestId) => {
          const order = await anOrder(t.platform.db, me);
          gateway.faults.length = 0;
          gateway.faults.push(...faults);
          gateway.takeEvents();
          await Promise.allSettled(
            cards.map((number, i) =>
              t.caller(me).payment.processPayment({
                orderId: order.id,
                clientRequestId: sameRequestId ? "prop-same-request" : `prop-request-${i}`,
                method: card(number),
              }),
            ),
          );
          gateway.faults.length = 0;
          await t.platform.services.payments.reconcile({ olderThanMs: 0 });
          for (const e of gateway.takeEvents())
            await t.platform.services.payments.handleWebhook(e.rawBody, e.signature);

          const payment = await t.platform.db
            .selectFrom("payments")
            .select(["id", "status", "gateway_ref"])
            .where("order_id", "=", order.id)
            .executeTakeFirst();
          const charges = payment?.gateway_ref ? gateway.chargesFor(payment.gateway_ref).length : 0;
          const allCharges = gateway.charges.filter(
            (c) => payment && c.idempotencyKey.startsWith(payment.id),
          ).length;
          expect(charges).toBeLessThanOrEqual(1);
          expect(allCharges).toBe(charges);
          const { status } = await t.platform.db
            .selectFrom("orders")
            .select("status")
            .where("id", "=", order.id)
            .executeTakeFirstOrThrow();
          const succeededEvents = await t.platform.db
            .selectFrom("outbox")
            .select("id")
            .where("aggregate_id", "=", order.id)
            .where("topic", "=", "payment.succeeded")
            .execute();
          const open = payment
            ? await t.platform.db
                .selectFrom("payment_attempts")
                .select("id")
                .where("payment_id", "=", payment.id)
                .where("status", "in", ["started", "unknown"])
                .execute()
            : [];
          expect(open).toEqual([]);
          if (charges === 1) {
            expect(payment?.status).toBe("succeeded");
            expect(status).toBe("placed");
            expect(succeededEvents).toHaveLength(1);
          } else {
            expect(payment?.status).not.toBe("succeeded");
            expect(status).toBe("pending_payment");
            expect(succeededEvents).toHaveLength(0);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
