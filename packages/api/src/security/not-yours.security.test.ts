// Issue 14, finding 10: one answer for "not yours". Wherever an object exists but the caller may not
// see it (another customer's order, another store's order or hidden review, an order a driver does not
// deliver), the answer is NOT_FOUND with the very message a random id gets — never FORBIDDEN "belongs
// to another customer", never a 412 carrying the order's status and version.
import { randomUUID } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { TEST_CARDS } from "../modules/payments/gateway/payment-gateway.ts";
import { SimulatedGateway } from "../modules/payments/gateway/simulated-gateway.ts";
import {
  aCustomer,
  anOrder,
  card,
  createPaymentsPlatform,
} from "../modules/payments/payments.test-support.ts";
import { backings } from "../testing/harness.ts";

/** The refusal as the client sees it: code, message and any details. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { details?: unknown } | undefined;
    return { code: error.code, message: error.message, details: cause?.details ?? null };
  }
  throw new Error("the call was not refused");
}

async function aUser(
  db: Kysely<Database>,
  role: "staff" | "driver" | "customer",
  storeId: string | null,
): Promise<AuthUser> {
  const row = await db
    .insertInto("users")
    .values({
      email: `${role}-${randomUUID()}@example.com`,
      password_hash: "not-a-real-hash",
      name: `A ${role}`,
      role,
      store_id: storeId,
      ...(role === "staff" ? { staff_role: "manager" as const } : {}),
      updated_at: new Date(),
    })
    .returning(["id", "role", "store_id", "name"])
    .executeTakeFirstOrThrow();
  return { id: row.id, role: row.role, storeId: row.store_id, name: row.name };
}

describe.each(backings)("one answer for 'not yours' on $name (finding 10)", (backing) => {
  let t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
  let owner: AuthUser;
  let stranger: AuthUser;
  let otherStaff: AuthUser;
  let driver: AuthUser;
  let order: Awaited<ReturnType<typeof anOrder>>;
  let waiting: Awaited<ReturnType<typeof anOrder>>;

  beforeAll(async () => {
    t = await createPaymentsPlatform(backing, new SimulatedGateway({ webhookDelivery: "manual" }));
    const db = t.platform.db;
    owner = await aCustomer(db, "Owner");
    stranger = await aCustomer(db, "Stranger");
    order = await anOrder(db, owner);
    // An order whose card payment waits for 3-D Secure: confirmAction and cancelAttempt have something to act on.
    waiting = await anOrder(db, owner);
    const res = await t.caller(owner).payment.processPayment({
      orderId: waiting.id,
      method: card(TEST_CARDS.requires3ds),
    });
    expect(res.status).toBe("requires_action");
    const other = await db
      .selectFrom("stores")
      .select("id")
      .where("id", "!=", order.store_id)
      .executeTakeFirstOrThrow();
    otherStaff = await aUser(db, "staff", other.id);
    driver = await aUser(db, "driver", order.store_id);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The caller's answer for the real object equals the answer for a random id. */
  async function sameAsMissing(call: (orderId: string) => Promise<unknown>, realId: string) {
    const missing = await refusal(call(randomUUID()));
    expect(missing.code).toBe("NOT_FOUND");
    const real = await refusal(call(realId));
    expect(real).toEqual(missing);
  }

  it("payment.processPayment: another customer", async () => {
    await sameAsMissing(
      (orderId) => t.caller(stranger).payment.processPayment({ orderId, method: card(TEST_CARDS.succeeds) }),
      order.id,
    );
  });

  it("payment.confirmAction: another customer", async () => {
    await sameAsMissing(
      (orderId) => t.caller(stranger).payment.confirmAction({ orderId, simulatedOutcome: "approve" }),
      waiting.id,
    );
  });

  it("payment.cancelAttempt: another customer", async () => {
    await sameAsMissing((orderId) => t.caller(stranger).payment.cancelAttempt({ orderId }), waiting.id);
  });

  it("payment.getPayment: another customer, staff of another store, a driver", async () => {
    for (const who of [stranger, otherStaff, driver]) {
      await sameAsMissing((orderId) => t.caller(who).payment.getPayment({ orderId }), waiting.id);
    }
  });

  it("payment.applyPromoCode: another customer", async () => {
    await sameAsMissing(
      (orderId) => t.caller(stranger).payment.applyPromoCode({ orderId, code: "WELCOME10" }),
      order.id,
    );
  });

  it("order.cancelOrder: another customer, staff of another store, a driver who does not deliver it", async () => {
    for (const who of [stranger, otherStaff, driver]) {
      await sameAsMissing(
        (orderId) => t.caller(who).order.cancelOrder({ orderId, expectedVersion: 1 }),
        order.id,
      );
    }
  });

  it("order.getOrder, trackOrder and updateOrder: a driver who does not deliver it, staff of another store", async () => {
    for (const who of [otherStaff, driver]) {
      await sameAsMissing((orderId) => t.caller(who).order.getOrder({ orderId }), order.id);
      await sameAsMissing((orderId) => t.caller(who).order.trackOrder({ orderId }), order.id);
      await sameAsMissing(
        (orderId) =>
          t.caller(who).order.updateOrder({ orderId, items: [{ itemId: "margherita" }], reason: "because" }),
        order.id,
      );
    }
  });

  it("order.trackLink: another customer, a driver who does not deliver it, staff of another store", async () => {
    for (const who of [stranger, otherStaff, driver])
      await sameAsMissing((orderId) => t.caller(who).order.trackLink({ orderId }), order.id);
  });

  it("order.advance and undoAdvance: staff of another store", async () => {
    await sameAsMissing(
      (orderId) => t.caller(otherStaff).order.advance({ orderId, to: "preparing", expectedVersion: 1 }),
      order.id,
    );
    await sameAsMissing(
      (orderId) => t.caller(otherStaff).order.undoAdvance({ orderId, expectedVersion: 1 }),
      order.id,
    );
  });

  it("review.unhide: a hidden review of another store", async () => {
    const review = await t.platform.db
      .insertInto("reviews")
      .values({
        order_id: order.id,
        region_code: order.region_code,
        store_id: order.store_id,
        customer_id: owner.id,
        target_type: "overall",
        target_id: order.store_id,
        rating: 1,
        body: "hidden by the store",
        hidden_at: new Date(),
        hidden_reason: "abusive",
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const unhide = (reviewId: string) =>
      t.caller(otherStaff).review.unhide({ reviewId, reason: "it was fine" });
    const missing = await refusal(unhide(randomUUID()));
    expect(missing.code).toBe("NOT_FOUND");
    expect(await refusal(unhide(review.id))).toEqual(missing);
  });
});
