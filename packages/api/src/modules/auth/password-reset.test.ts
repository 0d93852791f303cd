// "Forgot password" end to end against a real SMTP server (and the SMS channel through the notifier port):
// the code works once and expires, wrong codes are limited, every old session is refused afterwards, an
// unknown account gets the same answer, the sign-in throttle is cleared; a guest's receipt link turns the
// guest into a full account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogNotifier } from "../../infra/notifier.ts";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { randomIp } from "../../testing/sign-up.ts";
import { until } from "../../testing/signals.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp-server.ts";
import { LOGIN_LIMITS } from "./auth.service.ts";
import { hashPassword } from "./passwords.ts";
import { RESET_MAX_ATTEMPTS } from "./reset-secrets.ts";

const OLD = "Correct-Horse-42";
const NEW = "violet tractor hums softly";
let n = 0;
const uniqueEmail = () => `reset${Date.now()}${n++}@example.com`;
const oldHash = await hashPassword(OLD);

async function anAccount(t: TestPlatform, contact: { email: string } | { phone: string }, locale = "en") {
  return t.platform.db
    .insertInto("users")
    .values({
      ...contact,
      password_hash: oldHash,
      name: "Robin Reset",
      role: "customer",
      locale,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe.each(backings)("forgot password by email on $name", (backing) => {
  let smtp: TestSmtpServer;
  let t: TestPlatform;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestPlatform(backing, {
      seed: true,
      env: {
        NOTIFIER: "smtp",
        SMTP_URL: smtp.url,
        PUBLIC_URL: "https://pizza.example",
        NOTIFY_SWEEP_MS: "50",
      },
    });
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** Asks for a reset and reads the code and link from the message the SMTP server received. */
  async function requestReset(email: string, ip = randomIp()) {
    const before = smtp.to(email).length;
    const answer = await t.caller(null, ip).auth.requestPasswordReset({ email });
    const mail = await until("the reset email", () => smtp.to(email)[before]);
    const text = mail.parsed.text ?? "";
    return {
      answer,
      mail,
      code: text.match(/\b(\d{6})\b/)![1]!,
      token: text.match(/#reset=([A-Za-z0-9_-]{43})/)![1]!,
    };
  }

  it("sends a code and a link; the code sets the password once and every old session is refused", async () => {
    const email = uniqueEmail();
    await anAccount(t, { email }, "de");
    const old = await t.caller(null, randomIp()).auth.login({ email, password: OLD });
    const { answer, mail, code } = await requestReset(email);
    expect(answer).toEqual({
      status: "sent",
      channel: "email",
      sentTo: "r•••@example.com",
      expiresInSeconds: 900,
    });
    expect(mail.parsed.subject).toBe("Pizza-Passwort zurücksetzen");
    expect(mail.parsed.html).toContain("https://pizza.example/reset-password#reset=");
    const stored = await t.platform.db
      .selectFrom("password_resets")
      .select(["code_hash", "token_hash"])
      .execute();
    expect(JSON.stringify(stored)).not.toContain(code);

    const session = await t.caller(null, randomIp()).auth.resetPassword({ email, code, password: NEW });
    expect(session.user.email).toBe(email);
    await expectCode(
      t.caller().auth.refresh({ refreshToken: old.refreshToken }),
      "UNAUTHORIZED",
      /sign in again/,
    );
    await expectCode(t.caller(null, randomIp()).auth.login({ email, password: OLD }), "UNAUTHORIZED");
    await expect(t.caller(null, randomIp()).auth.login({ email, password: NEW })).resolves.toMatchObject({
      user: { email },
    });
    await expectCode(
      t.caller(null, randomIp()).auth.resetPassword({ email, code, password: "another fine long phrase" }),
      "BAD_REQUEST",
      /expired or was tried too often/,
    );
  });

  it("the link works once; a newer request voids the older code and link", async () => {
    const email = uniqueEmail();
    await anAccount(t, { email });
    const first = await requestReset(email);
    const second = await requestReset(email);
    await expectCode(
      t.caller().auth.resetPassword({ token: first.token, password: NEW }),
      "BAD_REQUEST",
      /expired or was already used/,
    );
    await t.caller().auth.resetPassword({ token: second.token, password: NEW });
    await expectCode(
      t.caller().auth.resetPassword({ token: second.token, password: NEW }),
      "BAD_REQUEST",
      /already used/,
    );
  });

  it("an expired code is refused, and a weak password is refused without spending the code", async () => {
    const email = uniqueEmail();
    const { id } = await anAccount(t, { email });
    const { code } = await requestReset(email);
    await expectCode(
      t.caller().auth.resetPassword({ email, code, password: "password123" }),
      "BAD_REQUEST",
      /too common/,
    );
    await t.platform.db
      .updateTable("password_resets")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", id)
      .execute();
    await expectCode(
      t.caller().auth.resetPassword({ email, code, password: NEW }),
      "BAD_REQUEST",
      /expired or was tried too often/,
    );
  });

  it(`allows ${RESET_MAX_ATTEMPTS} wrong codes, then not even the right one`, async () => {
    const email = uniqueEmail();
    await anAccount(t, { email });
    const { code } = await requestReset(email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < RESET_MAX_ATTEMPTS; i++)
      await expectCode(
        t.caller().auth.resetPassword({ email, code: wrong, password: NEW }),
        "BAD_REQUEST",
        /not correct/,
      );
    await expectCode(
      t.caller().auth.resetPassword({ email, code, password: NEW }),
      "BAD_REQUEST",
      /tried too often/,
    );
  });

  it("answers an unknown account exactly like a known one, sends it nothing, and limits both alike", async () => {
    const unknown = uniqueEmail();
    const known = uniqueEmail();
    await anAccount(t, { email: known });
    const forUnknown = await t.caller(null, randomIp()).auth.requestPasswordReset({ email: unknown });
    const { answer } = await requestReset(known);
    expect({ ...forUnknown, sentTo: "" }).toEqual({ ...answer, sentTo: "" });
    expect(smtp.to(unknown)).toEqual([]);
    await expectCode(
      t.caller().auth.resetPassword({ email: unknown, code: "123456", password: NEW }),
      "BAD_REQUEST",
      /expired or was tried too often/,
    );
    // Three messages per address an hour, whether or not it has an account.
    for (const email of [known, unknown]) {
      await t.caller(null, randomIp()).auth.requestPasswordReset({ email });
      await t.caller(null, randomIp()).auth.requestPasswordReset({ email });
      await expectCode(
        t.caller(null, randomIp()).auth.requestPasswordReset({ email }),
        "TOO_MANY_REQUESTS",
        /Too many codes were sent to this email address/,
      );
    }
  });

  it("clears the sign-in throttle: an account slowed down by failed sign-ins signs in at once after a reset", async () => {
    const email = uniqueEmail();
    await anAccount(t, { email });
    const ip = randomIp();
    for (let i = 0; i < LOGIN_LIMITS.freeFailures; i++)
      await expectCode(t.caller(null, ip).auth.login({ email, password: "wrong password" }), "UNAUTHORIZED");
    await t
      .caller(null, ip)
      .auth.login({ email, password: "wrong password" })
      .catch(() => undefined);
    await expectCode(
      t.caller(null, ip).auth.login({ email, password: OLD }),
      "TOO_MANY_REQUESTS",
      /Forgot password\?/,
    );
    const { code } = await requestReset(email, ip);
    await t.caller(null, ip).auth.resetPassword({ email, code, password: NEW });
    await expect(t.caller(null, ip).auth.login({ email, password: NEW })).resolves.toMatchObject({
      user: { email },
    });
  });

  it("a guest's receipt links to 'Create your account'; the link sets a password once and the guest becomes a full account", async () => {
    const email = uniqueEmail();
    const guest = await t.caller().auth.guest({ name: "Gia Guest", email });
    const me = (await t.platform.tokens.verify(guest.accessToken))!;
    await t.caller(me).order.placeOrder(aCarryoutOrder(await storeId(t, "nyc-midtown")));
    const receipt = await smtp.waitFor((m) => smtp.to(email).includes(m));
    const token = (receipt.parsed.text ?? "").match(/create-account#token=([A-Za-z0-9_-]{43})/)![1]!;
    expect(receipt.parsed.html).toContain("https://pizza.example/create-account#token=");

    await expectCode(
      t.caller().auth.claimGuestAccount({ token, password: "password123" }),
      "BAD_REQUEST",
      /too common/,
    );
    const full = await t.caller().auth.claimGuestAccount({ token, password: NEW });
    expect(full.user).toMatchObject({ id: guest.user.id, email, emailVerified: true, guest: false });
    await expectCode(t.caller().auth.refresh({ refreshToken: guest.refreshToken }), "UNAUTHORIZED");
    const login = await t.caller(null, randomIp()).auth.login({ email, password: NEW });
    expect(login.user.id).toBe(guest.user.id);
    expect(
      (await t.caller((await t.platform.tokens.verify(login.accessToken))!).order.history({})).orders,
    ).toHaveLength(1);
    await expectCode(
      t.caller().auth.claimGuestAccount({ token, password: NEW }),
      "BAD_REQUEST",
      /expired or was already used/,
    );
  });

  it("a guest whose email already signs in to another account cannot take that email over", async () => {
    const email = uniqueEmail();
    await anAccount(t, { email });
    const guest = await t.caller().auth.guest({ name: "Gia Guest", email });
    const me = (await t.platform.tokens.verify(guest.accessToken))!;
    await t.caller(me).order.placeOrder(aCarryoutOrder(await storeId(t, "nyc-midtown")));
    const receipt = await smtp.waitFor(
      (m) => smtp.to(email).includes(m) && (m.parsed.text ?? "").includes("create-account#token="),
    );
    const token = (receipt.parsed.text ?? "").match(/create-account#token=([A-Za-z0-9_-]{43})/)![1]!;
    await expectCode(
      t.caller().auth.claimGuestAccount({ token, password: NEW }),
      "CONFLICT",
      /already exists/,
    );
  });
});

describe("forgot password by SMS (through the notifier port)", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backings[1]!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("texts a short code (no link) to an account with a phone, and the code resets the password", async () => {
    const phone = `+1212555${String(1000 + (Date.now() % 9000)).slice(-4)}`;
    await anAccount(t, { phone });
    const answer = await t.caller(null, randomIp()).auth.requestPasswordReset({ phone, country: "US" });
    expect(answer).toMatchObject({ channel: "phone", sentTo: `+1 ••• ••• ••${phone.slice(-2)}` });
    const sent = (t.platform.notifier as LogNotifier).sent;
    const sms = await until("the reset SMS", () =>
      sent.find((m) => m.to === phone && m.kind === "password_reset"),
    );
    expect(sms).toMatchObject({ channel: "sms" });
    expect(sms.html).toBeUndefined();
    expect(sms.text.length).toBeLessThanOrEqual(160);
    const code = sms.text.match(/\b(\d{6})\b/)![1]!;
    await t.caller(null, randomIp()).auth.resetPassword({ phone, country: "US", code, password: NEW });
    await expect(t.caller(null, randomIp()).auth.login({ phone, password: NEW })).resolves.toBeDefined();
  });
});
