import { countRows } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { randomIp, signUp } from "../../testing/sign-up.ts";
import { TEST_CARDS } from "../payments/gateway/payment-gateway.ts";
import { card } from "../payments/payments.test-support.ts";
import { GUEST_LIMITS } from "./guest-checkout.ts";

const password = "Correct-Horse-42";
let n = 0;
const uniqueEmail = () => `guest${Date.now()}${n++}@example.com`;

describe.each(backings)("guest checkout on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const asUser = async (accessToken: string) => {
    const user = await t.platform.tokens.verify(accessToken);
    if (!user) throw new Error("the access token did not verify");
    return user;
  };

  it("gives a guest the normal tokens; the guest orders, pays with 4242… and tracks that order", async () => {
    const email = uniqueEmail();
    const session = await t.caller().auth.guest({ name: "Gus Guest", email: `  ${email.toUpperCase()}` });
    expect(session.user).toMatchObject({ name: "Gus Guest", role: "customer", guest: true, email: null });
    const row = await t.platform.db
      .selectFrom("users")
      .select(["email", "contact_email", "is_guest", "password_hash"])
      .where("id", "=", session.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, contact_email: email, is_guest: true });

    const me = await asUser(session.accessToken);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card" }));
    const paid = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(paid.status).toBe("succeeded");
    expect((await t.caller(me).order.trackOrder({ orderId: order.id })).status).toBe("placed");
    // The refresh token works like anyone's.
    const renewed = await t.caller().auth.refresh({ refreshToken: session.refreshToken });
    expect(renewed.user).toMatchObject({ id: session.user.id, guest: true });
  });

  it("a guest sees only their own orders: not another customer's, not another guest's with the same email", async () => {
    const email = uniqueEmail();
    const first = await asUser((await t.caller().auth.guest({ name: "First", email })).accessToken);
    const second = await asUser((await t.caller().auth.guest({ name: "Second", email })).accessToken);
    expect(second.id).not.toBe(first.id);
    const order = await t.caller(first).order.placeOrder(aCarryoutOrder(midtown));
    await expectCode(t.caller(second).order.trackOrder({ orderId: order.id }), "NOT_FOUND");
    await expectCode(t.caller(second).order.getOrder({ orderId: order.id }), "NOT_FOUND");
    await expectCode(t.caller(second).order.cancelOrder({ orderId: order.id }), "NOT_FOUND");
    expect((await t.caller(second).order.history({})).orders).toEqual([]);

    const registered = await signUp(t, { email: uniqueEmail(), password, name: "Real" });
    const theirs = await t
      .caller(await asUser(registered.accessToken))
      .order.placeOrder(aCarryoutOrder(midtown));
    await expectCode(t.caller(first).order.trackOrder({ orderId: theirs.id }), "NOT_FOUND");
  });

  it("the email of an existing account gives a separate guest account, never that account", async () => {
    const email = uniqueEmail();
    const real = await signUp(t, { email, password, name: "Real Owner" });
    const owner = await asUser(real.accessToken);
    const order = await t.caller(owner).order.placeOrder(aCarryoutOrder(midtown));

    const guest = await t.caller().auth.guest({ name: "Impostor", email });
    expect(guest.user.id).not.toBe(real.user.id);
    const impostor = await asUser(guest.accessToken);
    await expectCode(t.caller(impostor).order.getOrder({ orderId: order.id }), "NOT_FOUND");
    const profile = await t.caller(impostor).user.profile();
    expect(profile).toMatchObject({ id: guest.user.id, email: null, guest: true, addresses: [] });
    // The real account is untouched and still the only one that signs in with that email.
    const login = await t.caller(null, randomIp()).auth.login({ email, password });
    expect(login.user).toMatchObject({ id: real.user.id, name: "Real Owner", guest: false });
    expect(await t.platform.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual(
      [{ id: real.user.id }],
    );
  });

  it("refuses a guest without a contact, or with a bad one, with the reason and writes nothing", async () => {
    const before = await countRows(t.db, "users");
    await expectCode(
      t.caller().auth.guest({ name: "No Contact" }),
      "BAD_REQUEST",
      /email address or a phone/,
    );
    await expectCode(t.caller().auth.guest({ name: "Bad", email: "not-an-email" }), "BAD_REQUEST");
    await expectCode(t.caller().auth.guest({ name: "Bad", phone: "12345" }), "BAD_REQUEST", /phone number/);
    await expectCode(t.caller().auth.guest({ name: " ", email: uniqueEmail() }), "BAD_REQUEST", /name/);
    expect(await countRows(t.db, "users")).toBe(before);
  });

  it("normalizes a guest's phone for receipts and cannot be used to sign in", async () => {
    const guest = await t
      .caller()
      .auth.guest({ name: "Phone Guest", phone: "(212) 555-0166", country: "US" });
    const row = await t.platform.db
      .selectFrom("users")
      .select(["phone", "contact_phone"])
      .where("id", "=", guest.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: null, contact_phone: "+12125550166" });
    await expectCode(t.caller().auth.login({ phone: "+12125550166", password: "!guest" }), "UNAUTHORIZED");
  });

  it("limits guest accounts per network", async () => {
    const ip = `10.7.${n++}.1`;
    for (let i = 0; i < GUEST_LIMITS.perIp; i++)
      await t.caller(null, ip).auth.guest({ name: `G${i}`, email: uniqueEmail() });
    await expectCode(
      t.caller(null, ip).auth.guest({ name: "One too many", email: uniqueEmail() }),
      "TOO_MANY_REQUESTS",
      /Too many guest checkouts/,
    );
  });
});
