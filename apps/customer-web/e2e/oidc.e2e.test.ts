// "Continue with <provider>" in Chromium against a real OpenID Connect provider (oidc-provider, started here,
// with its own login and consent pages): the customer signs in there and lands back on the app signed in;
// cancelling at the provider lands back on the sign-in page with the sentence saying so. Screens checked
// with axe at phone and desktop widths.
import { randomBytes } from "node:crypto";
import { backings, screenshot, startAppServer } from "@pizza/api/testing/browser";
import { startTestOidcProvider, type TestOidcProvider } from "@pizza/api/testing/oidc-provider";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll } from "./support.ts";

const CLIENT = { clientId: "pizza-web", clientSecret: "the-web-client-secret" };
let idp: TestOidcProvider | undefined;
afterAll(async () => {
  await idp?.close();
});
const web = appUnderTest(async () => {
  idp = await startTestOidcProvider();
  const server = await startAppServer(backings[0], {
    OIDC_PROVIDERS: JSON.stringify([idp.providerEntry({ id: "acme", label: "Acme ID", ...CLIENT })]),
  });
  idp.registerClient({ ...CLIENT, redirectUris: [`${server.url}/auth/oidc/acme/callback`] });
  return server;
});

async function checkScreen(page: Page, name: string) {
  await expectNoHorizontalScroll(page, name);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

/** The provider's development pages import a web font; offline, it is answered empty instead of failing. */
async function openAt(size: "phone" | "desktop") {
  const opened = await web.openPage(size);
  await opened.page.route("https://fonts.googleapis.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/css", body: "" }),
  );
  return opened;
}

describe("sign-in with an OpenID Connect provider in the customer web app", { timeout: 120_000 }, () => {
  it("Continue with Acme ID: signs in at the provider and lands back signed in", async () => {
    const subject = `olive-${randomBytes(4).toString("hex")}`;
    const email = `${subject}@example.com`;
    idp!.accounts.set(subject, { email, email_verified: true, name: "Olive Oidc" });
    const { page, errors } = await openAt("phone");
    await page.goto("/signin");
    const button = page.getByRole("link", { name: "Continue with Acme ID" });
    await button.waitFor();
    await checkScreen(page, "customer-signin-providers-phone");

    await button.click();
    await page.waitForURL(`${idp!.issuer}/interaction/**`);
    await page.locator('input[name="login"]').fill(subject);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();

    await page.waitForURL("**/account");
    expect(new URL(page.url()).hash, "the ticket is gone from the address bar").toBe("");
    await page.getByText(email).first().waitFor();
    const stored = await page.evaluate(() => localStorage.getItem("pizza.customer-web.session"));
    expect(JSON.parse(stored ?? "{}").user).toMatchObject({ email, name: "Olive Oidc", role: "customer" });
    const account = await web.server.db.db
      .selectFrom("user_identities")
      .innerJoin("users", "users.id", "user_identities.user_id")
      .select(["users.email", "user_identities.provider"])
      .where("user_identities.subject", "=", subject)
      .executeTakeFirst();
    expect(account).toEqual({ email, provider: "acme" });
    expect(errors).toEqual([]);
  });

  it("cancelled at the provider: back on the sign-in page with the reason", async () => {
    for (const size of ["phone", "desktop"] as const) {
      const { page, errors } = await openAt(size);
      await page.goto("/signin");
      await page.getByRole("link", { name: "Continue with Acme ID" }).click();
      await page.waitForURL(`${idp!.issuer}/interaction/**`);
      await page.getByRole("link", { name: "[ Cancel ]" }).click();
      await page.waitForURL("**/signin");
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toBe(
        "You cancelled signing in with Acme ID, so nothing was shared with us. Sign in another way, or try again.",
      );
      expect(await page.evaluate(() => localStorage.getItem("pizza.customer-web.session"))).toBeNull();
      await checkScreen(page, `customer-signin-provider-denied-${size}`);
      expect(errors).toEqual([]);
    }
  });
});
