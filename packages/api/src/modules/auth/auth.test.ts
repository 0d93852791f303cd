import { countRows } from "@pizza/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { lastCodeSentTo, randomIp, signUp } from "../../testing/sign-up.ts";
import { LOGIN_LIMITS } from "./auth.service.ts";

const password = "Correct-Horse-42";
let n = 0;
const uniqueEmail = () => `person${Date.now()}${n++}@example.com`;

describe.each(backings)("accounts on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("signs up with an email (lower-cased), and the confirmed code returns a working session", async () => {
    const email = uniqueEmail();
    const res = await signUp(t, { email: `  ${email.toUpperCase()} `, password, name: "Pat" });
    expect(res.user.email).toBe(email);
    expect(res.user.role).toBe("customer");
    const me = await t.caller(await t.platform.tokens.verify(res.accessToken)).user.profile();
    expect(me.id).toBe(res.user.id);
  });

  it("normalizes phone numbers to E.164 and lets that number sign in", async () => {
    const res = await signUp(t, { phone: "(212) 555-0187", country: "US", password, name: "Phone Person" });
    expect(res.user).toMatchObject({ phone: "+12125550187", phoneVerified: true });
    const login = await t.caller(null, randomIp()).auth.login({ phone: "+1 212 555 0187", password });
    expect(login.user.id).toBe(res.user.id);
  });

  it("answers a sign-up with a taken email or phone like any other, and writes no account", async () => {
    const email = uniqueEmail();
    await signUp(t, { email, password, name: "First" });
    const before = await countRows(t.db, "users");
    await expect(
      t.caller(null, randomIp()).auth.register({ email, password, name: "Second" }),
    ).resolves.toMatchObject({ status: "code_sent", channel: "email" });
    await signUp(t, { phone: "+4930555010999", password, name: "A" });
    await expect(
      t.caller(null, randomIp()).auth.register({ phone: "+49 30 555010999", password, name: "B" }),
    ).resolves.toMatchObject({ status: "code_sent", channel: "phone" });
    expect(await countRows(t.db, "users")).toBe(before + 1);
  });

  it.each([
    ["short", "Ab1", /at least 10/],
    ["common", "password123", /too common/],
    ["a sequence", "abcdefghijkl", /too easy to guess.*"abc"/],
    ["contains email", "jordan-secret-1", /email/],
  ])("refuses a weak password (%s) and says why", async (_label, weak, reason) => {
    const before = await countRows(t.db, "users");
    await expectCode(
      t.caller().auth.register({ email: "jordan@example.com", password: weak, name: "J" }),
      "BAD_REQUEST",
      reason,
    );
    expect(await countRows(t.db, "users")).toBe(before);
  });

  it("refuses bad input with readable messages", async () => {
    await expectCode(
      t.caller().auth.register({ email: "not-an-email", password, name: "X" }),
      "BAD_REQUEST",
      /valid email/,
    );
    await expectCode(
      t.caller().auth.register({ password, name: "X" }),
      "BAD_REQUEST",
      /email address or a phone number/,
    );
    await expectCode(
      t.caller().auth.register({ email: uniqueEmail(), phone: "+12125550100", password, name: "X" }),
      "BAD_REQUEST",
      /not both/,
    );
    await expectCode(
      t.caller().auth.register({ email: uniqueEmail(), password, name: "x".repeat(101) }),
      "BAD_REQUEST",
      /too long/,
    );
    await expectCode(
      t.caller().auth.register({ phone: "12345", password, name: "X" }),
      "BAD_REQUEST",
      /country code/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types, as a broken client would send
    await expectCode(t.caller().auth.login({ email: 42 as any, password: ["x"] as any }), "BAD_REQUEST");
  });

  it("gives one generic error for an unknown account and a wrong password", async () => {
    const email = uniqueEmail();
    await signUp(t, { email, password, name: "Gen" });
    const wrong = await t
      .caller("10.0.0.1" as never)
      .auth.login({ email, password: "Wrong-password-1" })
      .catch((e: TRPCError) => e);
    const unknown = await t
      .caller()
      .auth.login({ email: uniqueEmail(), password })
      .catch((e: TRPCError) => e);
    expect(wrong).toBeInstanceOf(TRPCError);
    expect((wrong as TRPCError).code).toBe("UNAUTHORIZED");
    expect((unknown as TRPCError).code).toBe("UNAUTHORIZED");
    expect((unknown as TRPCError).message).toBe((wrong as TRPCError).message);
  });

  it("does not lock the owner out: failures from elsewhere leave the right password working", async () => {
    const email = uniqueEmail();
    await signUp(t, { email, password, name: "Not locked" });
    for (let i = 0; i < LOGIN_LIMITS.freeFailures + 3; i++) {
      await expectCode(
        t.caller(null, `10.1.0.${i}`).auth.login({ email, password: "Wrong-password-1" }),
        "UNAUTHORIZED",
      );
    }
    await expect(t.caller(null, "10.1.1.1").auth.login({ email, password })).resolves.toMatchObject({
      user: { email },
    });
  });

  it("counts per IP", async () => {
    const other = uniqueEmail();
    await signUp(t, { email: other, password, name: "Busy IP" });
    const ip = "10.2.0.1";
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      await t
        .caller(null, ip)
        .auth.login({ email: `nobody${i}@example.com`, password })
        .catch(() => undefined);
    }
    await expectCode(t.caller(null, ip).auth.login({ email: other, password }), "TOO_MANY_REQUESTS");
    // Another address is not affected by that IP's attempts.
    await expect(t.caller(null, "10.2.0.2").auth.login({ email: other, password })).resolves.toMatchObject({
      user: { email: other },
    });
  });

  it("rotates refresh tokens and revokes the family when a spent one is reused", async () => {
    const first = await signUp(t, { email: uniqueEmail(), password, name: "Rotating" });
    const second = await t.caller().auth.refresh({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expectCode(t.caller().auth.refresh({ refreshToken: first.refreshToken }), "UNAUTHORIZED");
    // The reuse revoked the whole family: the newer token is dead too.
    await expectCode(t.caller().auth.refresh({ refreshToken: second.refreshToken }), "UNAUTHORIZED");
  });

  it("lets only one of two concurrent refreshes with the same token win", async () => {
    const s = await signUp(t, { email: uniqueEmail(), password, name: "Racer" });
    const results = await Promise.allSettled([
      t.caller().auth.refresh({ refreshToken: s.refreshToken }),
      t.caller().auth.refresh({ refreshToken: s.refreshToken }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("logs out: the refresh token stops working", async () => {
    const s = await signUp(t, { email: uniqueEmail(), password, name: "Leaving" });
    const user = await t.platform.tokens.verify(s.accessToken);
    await t.caller(user).auth.logout({ refreshToken: s.refreshToken });
    await expectCode(t.caller().auth.refresh({ refreshToken: s.refreshToken }), "UNAUTHORIZED");
  });

  it("confirms a sign-up with the code sent through the notifier, which verifies that email", async () => {
    const email = uniqueEmail();
    const ip = randomIp();
    const answer = await t.caller(null, ip).auth.register({ email, password, name: "Verify" });
    expect(answer).toEqual({
      status: "code_sent",
      channel: "email",
      sentTo: `p•••@example.com`,
      expiresInSeconds: 600,
    });
    const code = lastCodeSentTo(t, email);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === "000000" ? "111111" : "000000";
    await expectCode(
      t.caller(null, ip).auth.confirmSignUp({ email, code: wrong }),
      "BAD_REQUEST",
      /^That code is not correct\.$/,
    );
    const session = await t.caller(null, ip).auth.confirmSignUp({ email, code: code! });
    expect(session.user).toMatchObject({ email, emailVerified: true });
    const me = await t.caller(await t.platform.tokens.verify(session.accessToken)).user.profile();
    expect(me.emailVerified).toBe(true);
    // Used once: the same code again is refused.
    await expectCode(t.caller(null, ip).auth.confirmSignUp({ email, code: code! }), "BAD_REQUEST");
  });

  it("requires a session for the profile", async () => {
    await expectCode(t.caller().user.profile(), "UNAUTHORIZED", /sign in/);
  });
});
