// The simulated gateway on two API nodes (one PostgreSQL, each node its own gateway built from the
// configuration, as `npm run cluster` and the drills run it): a 3-D Secure challenge started on node A
// is confirmed on node B (the intent lived in A's memory: B answered 500), a retry with the same
// idempotency key on the other node gets the first answer, and an intent no gateway knows is a 412 with
// a sentence, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "../../platform.ts";
import { createCaller } from "../../root.ts";
import { createNodeCluster, type NodeCluster } from "../../testing/nodes.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { simulationOf } from "./gateway/routed-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { aCustomer, anOrder, card } from "./payments.test-support.ts";

describe("simulated 3-D Secure across two API nodes (PostgreSQL)", () => {
  let cluster: NodeCluster;
  let a: Platform;
  let b: Platform;
  let me: AuthUser;
  const as = (p: Platform, user: AuthUser) => createCaller(createContextInner({ platform: p, user }));
  const statusOf = (orderId: string) =>
    cluster.db.db.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    cluster = await createNodeCluster();
    a = (await cluster.start("a", { listen: false })).platform;
    b = (await cluster.start("b", { listen: false })).platform;
    me = await aCustomer(cluster.db.db);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it("each node has its own simulated gateway (as separate processes would)", () => {
    expect(simulationOf(a.services.payments.gateway)).toBeInstanceOf(SimulatedGateway);
    expect(b.services.payments.gateway).not.toBe(a.services.payments.gateway);
  });

  it("a challenge started on node A is approved on node B: paid once, the order placed", async () => {
    const order = await anOrder(cluster.db.db, me);
    const started = await as(a, me).payment.processPayment({
      orderId: order.id,
      method: card(TEST_CARDS.requires3ds),
    });
    expect(started.status).toBe("requires_action");
    const done = await as(b, me).payment.confirmAction({ orderId: order.id, simulatedOutcome: "approve" });
    expect(done.status).toBe("succeeded");
    expect((await statusOf(order.id)).status).toBe("placed");
    // Asked again on A: the same answer, no second charge.
    expect((await as(a, me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    const payments = await cluster.db.db
      .selectFrom("payments")
      .select(["status"])
      .where("order_id", "=", order.id)
      .execute();
    expect(payments).toHaveLength(1);
  });

  it("a challenge started on node B and failed on node A reads as failed with the bank's sentence", async () => {
    const order = await anOrder(cluster.db.db, me);
    await as(b, me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
    const failed = await as(a, me).payment.confirmAction({ orderId: order.id, simulatedOutcome: "fail" });
    expect(failed.status).toBe("failed");
    expect(failed.declineReason).toMatch(/unable to authenticate/);
  });

  it("replays the first answer to a request with the same idempotency key on the other node", async () => {
    const input = {
      amount: 1234,
      currency: "usd",
      idempotencyKey: `k-${Date.now()}`,
      metadata: { payment_id: "p", order_id: "o" },
    };
    const first = await a.services.payments.gateway.createIntent(input);
    const again = await b.services.payments.gateway.createIntent(input);
    expect(again.id).toBe(first.id);
    await expect(b.services.payments.gateway.createIntent({ ...input, amount: 999 })).rejects.toMatchObject({
      code: "idempotency_error",
    });
  });

  it("answers an intent the gateway does not know with a 412 and a sentence, changing nothing", async () => {
    const order = await anOrder(cluster.db.db, me);
    await as(a, me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
    await cluster.db.db
      .updateTable("payments")
      .set({ gateway_ref: "pi_sim_nobodyknowsthisone" })
      .where("order_id", "=", order.id)
      .execute();
    for (const outcome of ["approve", undefined] as const) {
      await expect(
        as(b, me).payment.confirmAction({
          orderId: order.id,
          ...(outcome ? { simulatedOutcome: outcome } : {}),
        }),
      ).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message:
          "The payment gateway does not know this card verification any more; please pay for the order again.",
      });
    }
    expect((await statusOf(order.id)).status).toBe("pending_payment");
  });
});
