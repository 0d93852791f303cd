// Issue 14 finding 4: registration neither reveals who has an account nor sends codes without limit.
// `auth.register` answers the same for a new and an existing contact (the owner of an existing one is
// told instead); a sign-up is an account only once its code is confirmed; sign-ups, and the codes and
// SMS they send, are limited per network, per email/number and per country calling code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogNotifier } from "../infra/notifier.ts";
import { SIGN_UP_LIMITS } from "../modules/auth/codes.ts";
import { expectCode, failure } from "../testing/assertions.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../testing/harness.ts";
import { lastCodeSentTo, randomIp, signUp } from "../testing/sign-up.ts";

const password = "Correct-Horse-42";
let n = 0;
/** Same length and first letter every time, so the masked contact in the answer is the same too. */
const uniqueEmail = () => `a${String(Date.now()).slice(-8)}${String(n++).padStart(4, "0")}@example.com`;

describe.each(backings)("registration on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing);
  });
  afterAll(async () => {
    await t?.close();
  });
  const sent = () => (t.platform.notifier as LogNotifier).sent;

  it("answers a new and an existing email alike (over HTTP too), and tells the owner instead of sending a code", async () => {
    const owner = uniqueEmail();
    await signUp(t, { email: owner, password, name: "Owner" });
    const server = await startTestServer(t.platform);
    try {
      const register = async (email: string) => {
        const res = await fetch(`${server.url}/trpc/auth.register`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password: "Other-Secret-77", name: "Mallory" }),
        });
        return { status: res.status, body: (await res.json()) as { result: { data: unknown } } };
      };
      const existing = await register(owner);
      const fresh = await register(uniqueEmail());
      expect(existing).toEqual(fresh);
      expect(fresh.status).toBe(200);
      expect(fresh.body.result.data).toEqual({
        status: "code_sent",
        channel: "email",
        sentTo: "a•••@example.com",
        expiresInSeconds: 600,
      });
      expect(JSON.stringify(existing.body)).not.toMatch(/accessToken|refreshToken/);
    } finally {
      await server.close();
    }
    const toOwner = sent().findLast((m) => m.to === owner)!;
    expect(toOwner.text).toMatch(/someone tried to create a Pizza account with this email address/i);
    expect(toOwner.text).not.toMatch(/\b\d{6}\b/);
    // Nothing else changed: the owner's password still works, the intruder's does not.
    await expect(t.caller(null, randomIp()).auth.login({ email: owner, password })).resolves.toMatchObject({
      user: { email: owner },
    });
    await expectCode(
      t.caller(null, randomIp()).auth.login({ email: owner, password: "Other-Secret-77" }),
      "UNAUTHORIZED",
    );
  });

  it("answers a new and an existing phone number alike", async () => {
    const phone = "+1 212 555 0150";
    await signUp(t, { phone, password, name: "Owner" });
    const existing = await t.caller(null, randomIp()).auth.register({ phone, password, name: "Again" });
    const fresh = await t
      .caller(null, randomIp())
      .auth.register({ phone: "+1 212 555 0250", password, name: "New" });
    expect(existing).toEqual({ ...fresh, sentTo: existing.sentTo });
    expect(existing.sentTo).toBe("+1 ••• ••• ••50");
    expect(sent().findLast((m) => m.to === "+12125550150")?.text).toMatch(/someone tried/i);
  });

  it("gives no session before the code: a never-confirmed account cannot sign in", async () => {
    const email = uniqueEmail();
    const answer = await t.caller(null, randomIp()).auth.register({ email, password, name: "Pending" });
    expect(answer).not.toHaveProperty("accessToken");
    await expectCode(
      t.caller(null, randomIp()).auth.login({ email, password }),
      "FORBIDDEN",
      /Confirm your email address first/,
    );
  });

  it("a sign-up that was never confirmed is replaced by the next one (no pre-hijacking)", async () => {
    const victim = uniqueEmail();
    // An attacker signs up with the victim's address and a password of theirs, and cannot confirm.
    await t
      .caller(null, randomIp())
      .auth.register({ email: victim, password: "Attackers-Pass-1", name: "X" });
    const session = await signUp(t, { email: victim, password, name: "Victim" });
    expect(session.user).toMatchObject({ email: victim, name: "Victim", emailVerified: true });
    await expectCode(
      t.caller(null, randomIp()).auth.login({ email: victim, password: "Attackers-Pass-1" }),
      "UNAUTHORIZED",
    );
    await expect(t.caller(null, randomIp()).auth.login({ email: victim, password })).resolves.toMatchObject({
      user: { id: session.user.id },
    });
  });

  it("confirmSignUp: a wrong code is refused in words, and after 5 tries the right one is void", async () => {
    const email = uniqueEmail();
    await t.caller(null, randomIp()).auth.register({ email, password, name: "Guesser" });
    const code = lastCodeSentTo(t, email)!;
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    const ip = randomIp();
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => t.caller(null, ip).auth.confirmSignUp({ email, code: wrong(i) })),
    );
    const notCorrect = answers.filter(
      (a) => a.status === "rejected" && /That code is not correct\./.test((a.reason as Error).message),
    );
    expect(answers.every((a) => a.status === "rejected")).toBe(true);
    expect(notCorrect.length).toBeGreaterThanOrEqual(1);
    expect(notCorrect.length).toBeLessThanOrEqual(5);
    await expectCode(
      t.caller(null, ip).auth.confirmSignUp({ email, code }),
      "BAD_REQUEST",
      /ask for a new one/,
    );
  });

  it(`a sign-up's code can be sent again, within the per-address quota`, async () => {
    const email = uniqueEmail();
    await t.caller(null, randomIp()).auth.register({ email, password, name: "Resend" });
    for (let i = 1; i < SIGN_UP_LIMITS.codesPerContactPerHour; i++) {
      const again = await t.caller(null, randomIp()).auth.resendSignUpCode({ email });
      expect(again).toMatchObject({ status: "code_sent", sentTo: "a•••@example.com" });
    }
    const refused = await failure(t.caller(null, randomIp()).auth.resendSignUpCode({ email }));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(
      /Too many codes were sent to this email address\. .*try again in \d+ minutes?/,
    );
    expect(sent().filter((m) => m.to === email)).toHaveLength(SIGN_UP_LIMITS.codesPerContactPerHour);
    // The last code sent is the one that works.
    const session = await t
      .caller(null, randomIp())
      .auth.confirmSignUp({ email, code: lastCodeSentTo(t, email)! });
    expect(session.user.emailVerified).toBe(true);
  });

  it(`31 phone sign-ups from one network: ${SIGN_UP_LIMITS.perIpPerHour} get a code, the rest 429 with a readable message`, async () => {
    const ip = "10.77.0.1";
    const numbers = Array.from({ length: 31 }, (_, i) => `+1 212 555 0${300 + i}`);
    const outcomes: string[] = [];
    for (const phone of numbers) {
      const r = await t
        .caller(null, ip)
        .auth.register({ phone, password, name: "Pump" })
        .then(
          (a) => a.status,
          (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
        );
      outcomes.push(r);
    }
    expect(outcomes.filter((o) => o === "code_sent")).toHaveLength(SIGN_UP_LIMITS.perIpPerHour);
    const refused = outcomes.slice(SIGN_UP_LIMITS.perIpPerHour);
    expect(refused.length).toBeGreaterThan(0);
    for (const o of refused)
      expect(o).toMatch(
        /^TOO_MANY_REQUESTS: Too many sign-ups from this network\. Please try again in \d+ minutes?\.$/,
      );
    const texts = sent().filter((m) => m.channel === "sms" && /^\+121255503/.test(m.to));
    expect(texts).toHaveLength(SIGN_UP_LIMITS.perIpPerHour);
  });

  it("codes per phone number are limited, whoever asks and from wherever", async () => {
    const phone = "+1 212 555 0420";
    const outcomes: string[] = [];
    for (let i = 0; i <= SIGN_UP_LIMITS.codesPerContactPerHour; i++)
      outcomes.push(
        await t
          .caller(null, randomIp())
          .auth.register({ phone, password, name: `Try ${i}` })
          .then(
            (a) => a.status,
            (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
          ),
      );
    expect(outcomes.slice(0, -1).every((o) => o === "code_sent")).toBe(true);
    expect(outcomes.at(-1)).toMatch(/^TOO_MANY_REQUESTS: Too many codes were sent to this phone number\./);
    expect(sent().filter((m) => m.to === "+12125550420")).toHaveLength(SIGN_UP_LIMITS.codesPerContactPerHour);
  });
});

describe.each(backings)("SMS codes per country calling code on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing, { env: { SMS_PER_COUNTRY_HOUR: "4" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a pumping run rotating numbers and networks in one country stops at the country's cap; others go on", async () => {
    const register = (phone: string) =>
      t
        .caller(null, randomIp())
        .auth.register({ phone, password, name: "Rotating" })
        .then(
          (a) => a.status,
          (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
        );
    const german = [];
    for (let i = 0; i < 6; i++) german.push(await register(`+49 151 123456${i}${i}`));
    expect(german.slice(0, 4)).toEqual(Array(4).fill("code_sent"));
    for (const o of german.slice(4))
      expect(o).toMatch(
        /^TOO_MANY_REQUESTS: We cannot send more text messages to \+49 numbers right now \(at most 4 an hour to DE\)\./,
      );
    expect(await register("+1 212 555 0510")).toBe("code_sent");
    await expect(
      t.caller(null, randomIp()).auth.register({ email: uniqueEmail(), password, name: "Mail" }),
    ).resolves.toMatchObject({ status: "code_sent" });
  });
});
