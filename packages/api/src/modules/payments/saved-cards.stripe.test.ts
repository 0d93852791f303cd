import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings } from "../../testing/harness.ts";
import type { StripeStandIn } from "../../testing/stripe-stand-in.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import {
  aCustomer,
  anOrder,
  createPaymentsPlatform,
  createStripePlatform,
  intentOfOrder,
} from "./payments.test-support.ts";

// Saved cards against the real `stripe` SDK and the local stand-in, on real PostgreSQL: a card saved on a
// first payment (Stripe Customer + setup_future_usage), listed, paid with again, refused to anyone else,
// then removed (detached) for good.
const keys = {
  STRIPE_SECRET_KEY: "sk_test_saved_cards",
  STRIPE_WEBHOOK_SECRET: "whsec_saved_cards_secret",
  STRIPE_PUBLISHABLE_KEY: "pk_test_saved_cards",
};
const real = backings.find((b) => b.db === "postgres")!;
const pm = (id: string) => ({ type: "stripe" as const, paymentMethodId: id });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e as TRPCError,
  );

describe("saved cards with Stripe (real SDK, local stand-in, PostgreSQL)", () => {
  let standIn: StripeStandIn;
  let t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
  let me: AuthUser;
  let other: AuthUser;
  const intentOf = (orderId: string) => intentOfOrder(t.platform.db, orderId);

  beforeAll(async () => {
    ({ t, standIn } = await createStripePlatform(real, keys));
    me = await aCustomer(t.platform.db, "Sam Saver");
    other = await aCustomer(t.platform.db, "Otto Other");
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });

  it("saves the card on the first payment, lists it, pays with it, refuses it to others, and removes it", async () => {
    expect(await t.caller(me).payment.savedCards()).toEqual([]);

    // 1. The first payment saves the card: a Stripe Customer for this user, the intent on it, setup_future_usage.
    const first = await anOrder(t.platform.db, me, { total: 2750 });
    const from = standIn.requests.length;
    const paid = await t.caller(me).payment.processPayment({
      orderId: first.id,
      method: pm("pm_card_visa"),
      saveCard: true,
    });
    expect(paid).toMatchObject({ status: "succeeded", amount: 2750, card: { brand: "visa", last4: "4242" } });
    const [customer, create, confirm, ...rest] = standIn.requests.slice(from);
    expect(rest).toEqual([]);
    expect(customer).toMatchObject({
      method: "POST",
      path: "/v1/customers",
      idempotencyKey: `customer:${me.id}`,
      body: { metadata: { user_id: me.id } },
    });
    const row = await t.platform.db
      .selectFrom("payment_customers")
      .selectAll()
      .where("user_id", "=", me.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ gateway: "stripe", gateway_customer_id: expect.stringMatching(/^cus_/) });
    expect(create).toMatchObject({
      path: "/v1/payment_intents",
      body: { amount: "2750", customer: row.gateway_customer_id },
    });
    expect(confirm).toMatchObject({
      path: `/v1/payment_intents/${await intentOf(first.id)}/confirm`,
      body: { payment_method: "pm_card_visa", setup_future_usage: "off_session" },
    });

    // 2. Listed, as the customer recognises it; nobody else sees it.
    const cards = await t.caller(me).payment.savedCards();
    expect(cards).toEqual([
      { id: expect.stringMatching(/^pm_/), brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 },
    ]);
    const saved = cards[0]!;
    expect(standIn.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `/v1/customers/${row.gateway_customer_id}/payment_methods`,
      body: { type: "card" },
    });
    expect(await t.caller(other).payment.savedCards()).toEqual([]);

    // 3. The next order is paid with the saved card: the intent on the customer, confirmed with that card,
    //    for the server's amount; no second customer.
    const second = await anOrder(t.platform.db, me, { total: 1999 });
    const again = await t.caller(me).payment.processPayment({ orderId: second.id, savedCardId: saved.id });
    expect(again).toMatchObject({
      status: "succeeded",
      amount: 1999,
      card: { brand: "visa", last4: "4242" },
    });
    const intent = standIn.intent(await intentOf(second.id));
    expect(intent).toMatchObject({
      status: "succeeded",
      amount: 1999,
      customer: row.gateway_customer_id,
      payment_method: saved.id,
    });
    expect(standIn.chargesFor(intent!.id)).toBe(1);
    expect(standIn.requests.filter((r) => r.path === "/v1/customers")).toHaveLength(1);

    // 4. Someone else's saved card is "not found", exactly like a made-up one; their order stays unpaid.
    const theirs = await anOrder(t.platform.db, other);
    for (const cardId of [saved.id, "pm_made_up_card"]) {
      const error = await refusal(
        t.caller(other).payment.processPayment({ orderId: theirs.id, savedCardId: cardId }),
      );
      expect({ code: error.code, message: error.message }).toEqual({
        code: "NOT_FOUND",
        message: "That saved card was not found.",
      });
      const removal = await refusal(t.caller(other).payment.removeSavedCard({ cardId }));
      expect({ code: removal.code, message: removal.message }).toEqual({
        code: "NOT_FOUND",
        message: "That saved card was not found.",
      });
    }
    const unpaid = await t.platform.db
      .selectFrom("payments")
      .select("id")
      .where("order_id", "=", theirs.id)
      .executeTakeFirst();
    expect(unpaid).toBeUndefined();
    expect(await t.caller(me).payment.savedCards()).toHaveLength(1);

    // 5. Removed: detached at Stripe, the list is empty, and the card pays no more.
    expect(await t.caller(me).payment.removeSavedCard({ cardId: saved.id })).toEqual([]);
    expect(standIn.requests.filter((r) => r.path === `/v1/payment_methods/${saved.id}/detach`)).toHaveLength(
      1,
    );
    expect(await t.caller(me).payment.savedCards()).toEqual([]);
    const third = await anOrder(t.platform.db, me);
    const gone = await refusal(
      t.caller(me).payment.processPayment({ orderId: third.id, savedCardId: saved.id }),
    );
    expect(gone.code).toBe("NOT_FOUND");
  });

  it("saves a card on a later attempt after a decline (the intent moves onto the customer), and after 3-D Secure", async () => {
    const order = await anOrder(t.platform.db, other);
    const declined = await t.caller(other).payment.processPayment({
      orderId: order.id,
      method: pm("pm_card_chargeDeclined"),
    });
    expect(declined.status).toBe("failed");
    const challenged = await t.caller(other).payment.processPayment({
      orderId: order.id,
      method: pm("pm_card_authenticationRequired"),
      saveCard: true,
    });
    expect(challenged.status).toBe("requires_action");
    const intentId = await intentOf(order.id);
    expect(standIn.intent(intentId)?.customer).toMatch(/^cus_/);
    // Not saved before the customer has passed the challenge.
    expect(await t.caller(other).payment.savedCards()).toEqual([]);
    standIn.completeAction(intentId, true);
    expect(await t.caller(other).payment.confirmAction({ orderId: order.id })).toMatchObject({
      status: "succeeded",
    });
    expect(await t.caller(other).payment.savedCards()).toEqual([
      expect.objectContaining({ brand: "visa", last4: "3155" }),
    ]);
  });

  it("refuses what cannot be saved, with a sentence", async () => {
    const order = await anOrder(t.platform.db, me);
    const cash = await refusal(
      t.caller(me).payment.processPayment({ orderId: order.id, method: { type: "cash" }, saveCard: true }),
    );
    expect(cash.code).toBe("BAD_REQUEST");
    expect(cash.message).toContain("Only a card entered in the card form can be saved.");
    const both = await refusal(
      t
        .caller(me)
        .payment.processPayment({ orderId: order.id, method: pm("pm_card_visa"), savedCardId: "pm_x" }),
    );
    expect(both.code).toBe("BAD_REQUEST");
    expect(both.message).toContain("Choose one way to pay");

    const guest = await aCustomer(t.platform.db, "Gail Guest");
    await t.platform.db.updateTable("users").set({ is_guest: true }).where("id", "=", guest.id).execute();
    const guestOrder = await anOrder(t.platform.db, guest);
    const refused = await refusal(
      t.caller(guest).payment.processPayment({
        orderId: guestOrder.id,
        method: pm("pm_card_visa"),
        saveCard: true,
      }),
    );
    expect({ code: refused.code, message: refused.message }).toEqual({
      code: "BAD_REQUEST",
      message: "Create an account to save a card; a guest checkout keeps no card.",
    });
  });
});

describe("saved cards with the simulated gateway", () => {
  let t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
  let me: AuthUser;
  beforeAll(async () => {
    t = await createPaymentsPlatform(real, new SimulatedGateway({ webhookDelivery: "manual" }));
    me = await aCustomer(t.platform.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps none: saving says it needs Stripe, the list is empty, a saved card is not found", async () => {
    const order = await anOrder(t.platform.db, me);
    const error = await refusal(
      t.caller(me).payment.processPayment({ orderId: order.id, method: pm("pm_card_visa"), saveCard: true }),
    );
    expect({ code: error.code, message: error.message }).toEqual({
      code: "BAD_REQUEST",
      message:
        "Saving a card needs Stripe; this server takes cards through its test gateway, which keeps none.",
    });
    expect(await t.caller(me).payment.savedCards()).toEqual([]);
    const missing = await refusal(
      t.caller(me).payment.processPayment({ orderId: order.id, savedCardId: "pm_card_visa" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });
});
