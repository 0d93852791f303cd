// ASVS 2.7 / issue 14 finding 1: a verification code can be tried at most 5 times, however the tries
// arrive (one after another or all at once), and the right code is void after that.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../testing/assertions.ts";
import { backings, createTestPlatform, type TestPlatform } from "../testing/harness.ts";
import { lastCodeSentTo, signUp } from "../testing/sign-up.ts";

const password = "Correct-Horse-42";
let n = 0;
const uniqueEmail = () => `guess${Date.now()}${n++}@example.com`;

describe.each(backings)("verification codes on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A signed-up account that asked for a new code for its email (sign-up itself confirms with one: see registration.security). */
  async function signedUpWithCode() {
    const email = uniqueEmail();
    const s = await signUp(t, { email, password, name: "Guesser" });
    const user = await t.platform.tokens.verify(s.accessToken);
    await t.caller(user).auth.requestVerification({ channel: "email" });
    const code = lastCodeSentTo(t, email);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    return { user, code: code!, wrong };
  }

  it("counts every wrong code: after 5 the right one no longer works", async () => {
    const { user, code, wrong } = await signedUpWithCode();
    for (let i = 0; i < 5; i++)
      await expectCode(t.caller(user).auth.verify({ channel: "email", code: wrong(i) }), "BAD_REQUEST");
    await expectCode(
      t.caller(user).auth.verify({ channel: "email", code }),
      "BAD_REQUEST",
      /tried too often/,
    );
    const codes = await t.platform.db
      .selectFrom("verification_codes")
      .select(["attempts", "consumed_at"])
      .where("user_id", "=", user!.id)
      .orderBy("created_at", "desc")
      .execute();
    expect(codes[0]).toEqual({ attempts: 5, consumed_at: null });
  });

  it("a burst of 50 guesses at once gets at most 5 checked", async () => {
    const { user, code, wrong } = await signedUpWithCode();
    const answers = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => t.caller(user).auth.verify({ channel: "email", code: wrong(i) })),
    );
    const checked = answers.filter(
      (a) => a.status === "rejected" && /not correct/.test(String((a.reason as Error).message)),
    );
    expect(answers.every((a) => a.status === "rejected")).toBe(true);
    expect(checked.length).toBeLessThanOrEqual(5);
    await expectCode(t.caller(user).auth.verify({ channel: "email", code }), "BAD_REQUEST", /too often/);
  });
});
