// The store console with a company IdP (a real OpenID Connect provider, oidc-provider, started here) whose
// staffRegions include the US: a Midtown crew member's password is refused with a sentence naming it, and
// "Continue with Pronto staff login" signs them in through the provider's pages, back on the console.
import { screenshot, watchConsole } from "@pizza/api/testing/browser";
import { startTestOidcProvider } from "@pizza/api/testing/oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleUnderTest, LONG, PASSWORD } from "./support.ts";

const CLIENT = { clientId: "pizza-store", clientSecret: "the-store-client-secret" };
const idp = await startTestOidcProvider();
const entry = { id: "corp", label: "Pronto staff login", ...CLIENT, staffRegions: ["us"] };
const ui = consoleUnderTest({
  KITCHEN_AUTOPILOT: "false",
  SIM_DRIVERS: "0",
  OIDC_PROVIDERS: JSON.stringify([idp.providerEntry(entry)]),
});
beforeAll(() => {
  idp.registerClient({ ...CLIENT, redirectUris: [`${ui.server.url}/auth/oidc/corp/callback`] });
});
afterAll(() => idp.close());

describe("store console: staff sign in through the company IdP", () => {
  it(
    "password refused for a region on staffRegions; Continue with the IdP signs the crew member in",
    async () => {
      const email = "staff.nyc-midtown@pizza.example";
      idp.accounts.set("crew-midtown", { email, email_verified: true, name: "Midtown Kitchen" });
      const context = await ui.newContext({ viewport: { width: 390, height: 844 } });
      await context.route("https://fonts.googleapis.com/**", (route) =>
        route.fulfill({ status: 200, contentType: "text/css", body: "" }),
      );
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const { errors } = watchConsole(page);
      await page.goto("/store/");
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page
        .getByRole("alert")
        .getByText(
          "Staff of this region sign in with Pronto staff login: use “Continue with Pronto staff login”.",
        )
        .waitFor();
      await screenshot(page, "store-sign-in-idp-required-phone");

      await page.getByRole("link", { name: "Continue with Pronto staff login" }).click();
      await page.waitForURL(`${idp.issuer}/interaction/**`);
      await page.locator('input[name="login"]').fill("crew-midtown");
      await page.locator('input[name="password"]').fill("any password");
      await page.getByRole("button", { name: "Sign-in" }).click();
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL("**/store/");
      await page.getByTestId("connection").waitFor();
      const stored = await page.evaluate(() => localStorage.getItem("pizza.store-console.session"));
      expect(JSON.parse(stored ?? "{}").user).toMatchObject({ email, role: "staff" });
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
