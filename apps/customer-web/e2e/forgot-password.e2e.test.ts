// "Forgot password?" in Chromium: from the sign-in form to a new password, with the code read from the
// real SMTP server the API sends to (and the emailed link opening "Set a new password" directly); a
// guest's receipt link turning the guest into a full account. Screens checked with axe at phone and
// desktop widths.
import { backings, screenshot, startAppServer } from "@pizza/api/testing/browser";
import { aCarryoutOrder } from "@pizza/api/testing/builders";
import { startTestSmtpServer, type TestSmtpServer } from "@pizza/api/testing/smtp-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll } from "./support.ts";

const LONG = 120_000;
const NEW_PASSWORD = "violet tractor hums softly";
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});
const web = appUnderTest(() =>
  startAppServer(backings[0], { NOTIFIER: "smtp", SMTP_URL: smtp.url, NOTIFY_SWEEP_MS: "50" }),
);

/** The newest message to `to` after `before` of them had arrived. */
const mailTo = async (to: string, before: number) =>
  smtp.waitFor((m) => smtp.to(to).indexOf(m) >= before).then((m) => m.parsed.text ?? "");

async function checkScreen(page: Page, name: string) {
  await expectNoHorizontalScroll(page, name);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

describe("forgot password in the customer web app", { timeout: LONG }, () => {
  it("from 'Forgot password?' on sign-in to a new password with the emailed code; old sessions end", async () => {
    const email = "customer@pizza.example";
    const old = await web.server.caller(null, "10.9.9.9").auth.login({ email, password: "PizzaDemo-2026" });
    for (const size of ["phone", "desktop"] as const) {
      const { page, errors } = await web.openPage(size);
      await page.goto("/signin");
      await page.getByRole("button", { name: "Forgot password?" }).click();
      await page.waitForURL("**/forgot-password");
      await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
      await checkScreen(page, `customer-forgot-request-${size}`);
      const before = smtp.to(email).length;
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await page.getByRole("button", { name: "Send code" }).click();
      await page.getByRole("heading", { name: "Set a new password" }).waitFor();
      await page.getByText("c•••@pizza.example").waitFor();
      const code = (await mailTo(email, before)).match(/\b(\d{6})\b/)![1]!;
      await page.getByLabel("6-digit code").fill("000000" === code ? "111111" : "000000");
      await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Set new password and sign in" }).click();
      await page.getByText("That code is not correct.").waitFor();
      await checkScreen(page, `customer-forgot-code-${size}`);
      await page.getByLabel("6-digit code").fill(code);
      await page.getByRole("button", { name: "Set new password and sign in" }).click();
      await page.waitForURL("**/account");
      expect(
        errors.filter((e) => !/400|Bad Request/.test(e)),
        `console (${size})`,
      ).toEqual([]);
    }
    await expect(web.server.caller().auth.refresh({ refreshToken: old.refreshToken })).rejects.toThrow(
      /sign in again/,
    );
  });

  it("the emailed link opens 'Set a new password' without a code", async () => {
    const email = "kunde@pizza.example";
    const before = smtp.to(email).length;
    await web.server.caller(null, "10.9.9.10").auth.requestPasswordReset({ email });
    const token = (await mailTo(email, before)).match(/#reset=([A-Za-z0-9_-]{43})/)![1]!;
    const { page, errors } = await web.openPage("phone");
    await page.goto(`/reset-password#reset=${token}`);
    await page.getByRole("heading", { name: "Set a new password" }).waitFor();
    expect(await page.getByLabel("6-digit code").count()).toBe(0);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password and sign in" }).click();
    await page.waitForURL("**/account");
    expect(errors).toEqual([]);
  });

  it("a guest's receipt link: 'Create your account' sets a password and signs the full account in", async () => {
    const email = `guest-${Date.now()}@example.com`;
    const guest = await web.server.caller().auth.guest({ name: "Gia Guest", email });
    const me = (await web.server.platform.tokens.verify(guest.accessToken))!;
    const store = await web.server.platform.db
      .selectFrom("stores")
      .select("id")
      .where("slug", "=", "nyc-midtown")
      .executeTakeFirstOrThrow();
    await web.server.caller(me).order.placeOrder(aCarryoutOrder(store.id));
    const token = (await mailTo(email, 0)).match(/create-account#token=([A-Za-z0-9_-]{43})/)![1]!;
    for (const size of ["phone", "desktop"] as const) {
      const { page, errors } = await web.openPage(size);
      await page.goto(`/create-account#token=${token}`);
      await page.getByRole("heading", { name: "Create your account" }).waitFor();
      await checkScreen(page, `customer-create-account-${size}`);
      if (size === "desktop") {
        await page.getByLabel("Choose a password").fill(NEW_PASSWORD);
        await page.getByRole("button", { name: "Create my account" }).click();
        await page.waitForURL("**/account?welcome=1");
      }
      expect(errors).toEqual([]);
    }
    const login = await web.server.caller(null, "10.9.9.11").auth.login({ email, password: NEW_PASSWORD });
    expect(login.user).toMatchObject({ id: guest.user.id, guest: false });
  });
});
