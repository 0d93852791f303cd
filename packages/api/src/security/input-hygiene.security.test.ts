// Issue 14 finding 9: input hygiene. One locale rule everywhere (register took `<script>` that
// updateProfile refused); names and review text lose bidirectional and invisible control characters
// (a "Pat\u202Egnp.exe" name displays as "Patexe.png"); slot look-ups stay within the booking
// horizon (year 9999 was answered); passwords are judged by a strength estimator with dictionaries
// ("Password12" passed a 21-word list).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordWeakness } from "../modules/auth/passwords.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { aCustomer, anOrder } from "../modules/reviews/test-builders.ts";
import { expectCode } from "../testing/assertions.ts";
import { aCarryoutOrder, storeId } from "../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../testing/harness.ts";
import { randomIp, signUp } from "../testing/sign-up.ts";

const password = "Correct-Horse-42";
let n = 0;
const uniqueEmail = () => `hygiene${Date.now()}${n++}@example.com`;
const DAY_MS = 24 * 3600_000;

describe.each(backings)("input hygiene on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = (id: string) =>
    t.platform.db
      .selectFrom("users")
      .select(["name", "locale"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const asUser = async (accessToken: string): Promise<AuthUser> => {
    const user = await t.platform.tokens.verify(accessToken);
    if (!user) throw new Error("the access token did not verify");
    return user;
  };

  describe("locale: one rule for every input", () => {
    it("refuses a locale that is not a language tag, on register, guest and updateProfile alike", async () => {
      const bad = "<script>";
      await expectCode(
        t
          .caller(null, randomIp())
          .auth.register({ email: uniqueEmail(), password, name: "Lee", locale: bad }),
        "BAD_REQUEST",
        /language tag/,
      );
      await expectCode(
        t.caller(null, randomIp()).auth.guest({ name: "Lee", email: uniqueEmail(), locale: bad }),
        "BAD_REQUEST",
        /language tag/,
      );
      const session = await signUp(t, { email: uniqueEmail(), password, name: "Lee" });
      const me = await asUser(session.accessToken);
      await expectCode(t.caller(me).user.updateProfile({ locale: bad }), "BAD_REQUEST", /language tag/);
      await expectCode(
        t.caller().menu.getMenu({ storeId: midtown, locale: bad }),
        "BAD_REQUEST",
        /language tag/,
      );
      await expectCode(
        t.caller().menu.getMenu({ storeId: midtown, locale: `en-${"a".repeat(40)}` }),
        "BAD_REQUEST",
        /language tag/,
      );
    });

    it("accepts what browsers send (navigator.language) and stores it canonically", async () => {
      const session = await signUp(t, { email: uniqueEmail(), password, name: "Mei", locale: "zh-hant-tw" });
      expect((await stored(session.user.id)).locale).toBe("zh-Hant-TW");
      const guest = await t
        .caller(null, randomIp())
        .auth.guest({ name: "Gus", email: uniqueEmail(), locale: "es-419" });
      expect((await stored(guest.user.id)).locale).toBe("es-419");
      const me = await asUser(session.accessToken);
      await t.caller(me).user.updateProfile({ locale: "de-de" });
      expect((await t.caller(me).user.profile()).locale).toBe("de-DE");
      const menu = await t.caller().menu.getMenu({ storeId: midtown, locale: "en-US" });
      expect(menu.store.id).toBe(midtown);
    });
  });

  describe("names and review text carry no bidirectional or invisible control characters", () => {
    it('stores "Pat\\u202Egnp.exe" as "Patgnp.exe" on register, guest and profile', async () => {
      const session = await signUp(t, { email: uniqueEmail(), password, name: "Pat\u202Egnp.exe" });
      expect(session.user.name).toBe("Patgnp.exe");
      expect((await stored(session.user.id)).name).toBe("Patgnp.exe");

      const guest = await t
        .caller(null, randomIp())
        .auth.guest({ name: "\u2067Gus\u2069 \u200EGuest\u061C", email: uniqueEmail() });
      expect((await stored(guest.user.id)).name).toBe("Gus Guest");

      const me = await asUser(session.accessToken);
      await t.caller(me).user.updateProfile({ name: "  Ada\u200B\u202A\u0000 Love\u2066lace\uFEFF\u0007 " });
      expect((await stored(me.id)).name).toBe("Ada Lovelace");
      // Joiners stay: they are part of how Persian and Indic names (and emoji) are written.
      await t.caller(me).user.updateProfile({ name: "Mehr\u200Cdad" });
      expect((await stored(me.id)).name).toBe("Mehr\u200Cdad");
    });

    it("refuses a name made only of invisible characters, with a readable message", async () => {
      await expectCode(
        t
          .caller(null, randomIp())
          .auth.register({ email: uniqueEmail(), password, name: "\u202E\u200B\u2066" }),
        "BAD_REQUEST",
        /Tell us your name/,
      );
      await expectCode(
        t.caller(null, randomIp()).auth.guest({ name: "\u200F\u061C", email: uniqueEmail() }),
        "BAD_REQUEST",
        /Tell us your name/,
      );
    });

    it("strips the Arabic letter mark and the other bidi controls from review text", async () => {
      const customer = await aCustomer(t.db.db, "Rita Review");
      const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
      await t.caller(customer).review.submitReview({
        orderId: order.orderId,
        overall: { rating: 4, text: "Good\u061C \u202Epizza\u202C, \u2068fast\u2069\u200F" },
      });
      const row = await t.db.db
        .selectFrom("reviews")
        .select("body")
        .where("order_id", "=", order.orderId)
        .executeTakeFirstOrThrow();
      expect(row.body).toBe("Good pizza, fast");
    });
  });

  describe("dates stay within the store's booking horizon", () => {
    it("refuses slots looked up beyond 7 days (year 9999) with a clear 400", async () => {
      await expectCode(
        t.caller().order.slots({ storeId: midtown, from: "9999-12-31T12:00:00Z" }),
        "BAD_REQUEST",
        /at most 7 days ahead/,
      );
      await expectCode(
        t.caller().order.slots({ storeId: midtown, from: new Date(Date.now() + 8 * DAY_MS).toISOString() }),
        "BAD_REQUEST",
        /at most 7 days ahead/,
      );
    });

    it("answers a look-up from the past with the next free times, all within the horizon", async () => {
      const { times } = await t
        .caller()
        .order.slots({ storeId: midtown, from: "1970-01-01T00:00:00Z", count: 24 });
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) {
        const at = Date.parse(time);
        expect(at).toBeGreaterThan(Date.now());
        expect(at).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
      }
    });

    it("refuses an order scheduled for the year 9999", async () => {
      const session = await signUp(t, { email: uniqueEmail(), password, name: "Sam" });
      const me = await asUser(session.accessToken);
      await expectCode(
        t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { scheduledFor: "9999-12-31T12:00:00Z" })),
        "BAD_REQUEST",
        /at most 7 days ahead/,
      );
    });
  });

  describe("passwords are judged by a strength estimator", () => {
    it.each([
      ["Password12", /too common/],
      ["Pizza12345!", /too common|easy to guess/],
      ["qwertyuiop1", /easy to guess|too common/],
      ["abcdefghijkl", /easy to guess|too common/],
      ["Jordan19901990", /easy to guess|too common/],
    ])("refuses %s at register, with the estimator's reason", async (weak, reason) => {
      await expectCode(
        t.caller(null, randomIp()).auth.register({ email: uniqueEmail(), password: weak, name: "Jordan" }),
        "BAD_REQUEST",
        reason,
      );
    });

    it("accepts a strong password and a long passphrase", async () => {
      for (const strong of ["Correct-Horse-42", "purple tractor sings under rain"]) {
        await expect(
          t.caller(null, randomIp()).auth.register({ email: uniqueEmail(), password: strong, name: "Jo" }),
        ).resolves.toMatchObject({ status: "code_sent" });
      }
    });
  });
});

describe("password strength, without a platform", () => {
  it("keeps the length rules and names the email rule", () => {
    expect(passwordWeakness("Ab1-xyz", {})).toMatch(/at least 10/);
    expect(passwordWeakness(`Aa1-${"x".repeat(130)}`, {})).toMatch(/at most 128/);
    expect(passwordWeakness("jordan-secret-1", { email: "jordan@example.com" })).toMatch(/email/);
  });

  it("says why in words, from the estimator's feedback", () => {
    const message = passwordWeakness("Password12", {});
    expect(message).toMatch(/^This password is too common; choose one that is harder to guess\. \w/);
    expect(passwordWeakness("abcdefghijkl", {})).toMatch(/too easy to guess.*Common character sequences/);
    expect(passwordWeakness("Pizza-Pizza-Pizza", {})).toMatch(/too easy to guess/);
    expect(message!.length).toBeLessThan(300);
  });

  it("is fast once the dictionaries are loaded", () => {
    passwordWeakness("warm-up-password-1", {});
    const start = performance.now();
    for (let i = 0; i < 20; i++) passwordWeakness(`Some-Unusual-Phrase-${i}`, { name: "Jo" });
    expect((performance.now() - start) / 20).toBeLessThan(100);
  });
});
