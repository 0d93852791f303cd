// Smoke test of "Forgot password?" in a staff app (the shared SignedInShell): the store console's
// sign-in card asks for a code, the code (read from what the embedded notifier sent) and a new password
// sign the staff member in, and the old password no longer works.
import { screenshot, watchConsole } from "@pizza/api/testing/browser";
import { lastCodeSentTo } from "@pizza/api/testing/sign-up";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, LONG } from "./support.ts";

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0" });

describe("store console: forgot password", () => {
  it(
    "a staff member sets a new password with the code sent by email and is signed in",
    async () => {
      const email = "staff.nyc-midtown@pizza.example";
      const context = await ui.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const { errors } = watchConsole(page);
      await page.goto("/store/");
      await page.getByRole("button", { name: "Forgot password?" }).waitFor();
      await screenshot(page, "store-sign-in-phone");
      await page.getByRole("button", { name: "Forgot password?" }).click();
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await screenshot(page, "store-forgot-request-phone");
      await page.getByRole("button", { name: "Send code" }).click();
      await page.getByRole("heading", { name: "Set a new password" }).waitFor();
      await expect.poll(() => lastCodeSentTo(ui.server, email)).toMatch(/^\d{6}$/);
      await page.getByLabel("6-digit code").fill(lastCodeSentTo(ui.server, email)!);
      await page.getByLabel("New password", { exact: true }).fill("violet tractor hums softly");
      await screenshot(page, "store-forgot-code-phone");
      await page.getByRole("button", { name: "Set new password and sign in" }).click();
      await page.getByTestId("connection").waitFor();
      await expect(ui.login(email)).rejects.toThrow(/not correct/);
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
