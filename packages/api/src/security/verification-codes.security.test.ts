// ASVS 2.7 / issue 14 finding 1: a verification code can be tried at most 5 times, however the tries
// arrive (one after another or all at once), and the right code is void after that.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogNotifier } from "../infra/notifier.ts";
import { expectCode } from "../testing/assertions.ts";
import { backings, createTestPlatform, type TestPlatform } from "../testing/harness.ts";

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

  async function signedUpWithCode() {
    const email = uniqueEmail();
    const s = await t.caller().auth.register({ email, password, name: "Guesser" });
    const code = (t.platform.notifier as LogNotifier).sent
      .findLast((m) => m.to === email)
      ?.text.match(/\d{6}/)?.[0];
    expect(code).toMatch(/^\d{6}$/);
    const user = await t.platform.tokens.verify(s.accessToken);
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
    expect((await t.caller(user).user.profile()).emailVerified).toBe(false);
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
