import { randomBytes } from "node:crypto";
import { APPS, backings, screenshot, startAppServer, VIEWPORTS } from "@pizza/api/testing/browser";
import { lastCodeSentTo, signUp } from "@pizza/api/testing/sign-up";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appUnderTest, confirmSignUpCode, expectAccessible, expectNoHorizontalScroll } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const { openPage } = web;

// Slow machines (2 cores shared by a whole test run) get room; a healthy run takes a few seconds per test.
const LONG = 120_000;

const SESSION_KEY = "pizza.customer-web.session";
const DEMO_PASSWORD = "PizzaDemo-2026";

async function expectHealthy(page: Page) {
  const health = page.getByTestId("api-health");
  await health.and(page.locator('[data-state="ok"]')).waitFor();
  expect(await health.getAttribute("role")).toBe("status");
  // Issue 16: no developer status for customers, drivers or staff while all is well.
  expect(await health.textContent()).toBe("");
  expect(await health.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  return health;
}

/** Every form control has a label a screen reader can announce. */
async function expectLabelledControls(page: Page) {
  const unlabelled = await page.$$eval("input, select, textarea", (controls) =>
    controls
      .filter((c) => (c as HTMLInputElement).labels?.length === 0 && !c.getAttribute("aria-label"))
      .map((c) => c.outerHTML),
  );
  expect(unlabelled, "form controls without a label").toEqual([]);
}

describe("app shells served by the API", { timeout: LONG }, () => {
  it.each(APPS)("$name loads at $prefix and shows a live API health", async (app) => {
    for (const size of ["phone", "desktop"] as const) {
      const { page, errors } = await openPage(size);
      await page.goto(app.prefix);
      const health = await expectHealthy(page);
      if (size === "phone") {
        // Live: the badge polls health.status, so its timestamp moves on without a reload.
        const first = await health.getAttribute("data-checked-at");
        await page.waitForFunction(
          (before) =>
            document.querySelector('[data-testid="api-health"]')?.getAttribute("data-checked-at") !== before,
          first,
          { timeout: 12_000 },
        );
        await expectHealthy(page);
      }
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, `${app.name} (${size})`);
      await screenshot(page, `${app.name}-home-${size}`);
      expect(errors, `browser console of ${app.name} (${size})`).toEqual([]);
    }
  });

  it("on the real services (PostgreSQL and Redis) the public health badge says online without naming them", async () => {
    const real = await startAppServer(backings.find((b) => b.redis)!);
    try {
      const { page, errors } = await openPage("desktop");
      await page.goto(`${real.url}/`);
      const health = await expectHealthy(page);
      // Issue 14: which database and cache run behind the API is for admins and operations only.
      expect(await health.getAttribute("title")).not.toMatch(/postgres|redis/);
      expect(await health.textContent()).not.toMatch(/postgres|redis/);
      expect(errors).toEqual([]);
    } finally {
      await real.close();
    }
  });

  it("the driver app is an installable PWA: manifest with icons, service worker for /driver/", async () => {
    const { page, errors } = await openPage("phone");
    await page.goto("/driver"); // without the slash: still the driver app
    await page.waitForURL("**/driver/");
    await expectHealthy(page);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(manifestHref).toBe("/driver/manifest.webmanifest");
    const manifest = (await (await page.request.get(manifestHref!)).json()) as {
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ start_url: "/driver/", scope: "/driver/", display: "standalone" });
    for (const size of ["192x192", "512x512"]) {
      for (const purpose of ["any", "maskable"]) {
        const icon = manifest.icons.find((i) => i.sizes === size && i.purpose === purpose);
        expect(icon, `${purpose} icon ${size}`).toBeDefined();
        const png = await page.request.get(`/driver/${icon!.src}`);
        expect(png.headers()["content-type"]).toBe("image/png");
      }
    }
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe("/driver/");
    expect(errors).toEqual([]);
  });

  it("the driver app opens offline from its precached shell, says the API is unreachable, and recovers", async () => {
    const { page, errors } = await openPage("phone");
    await page.goto("/driver/");
    await expectHealthy(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload(); // now controlled by the service worker
    await expectHealthy(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await page.context().setOffline(true);
    await page.reload();
    const health = page.getByTestId("api-health");
    await health.and(page.locator('[data-state="down"]')).waitFor();
    // Trouble is shown, in words a person understands.
    expect(await health.textContent()).toContain("Offline — reconnecting…");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await screenshot(page, "driver-pwa-offline-phone");

    await page.context().setOffline(false);
    await health.and(page.locator('[data-state="ok"]')).waitFor({ timeout: 12_000 });
    // Requests that could not leave the device while offline are the only console errors.
    expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
  });

  it("the driver app and the store console sign in their own roles only", async () => {
    const store = await web.server.db.db
      .selectFrom("stores")
      .select(["slug", "name"])
      .orderBy("slug")
      .executeTakeFirstOrThrow();
    const cases = [
      {
        path: "/driver/",
        account: `driver1.${store.slug}@pizza.example`,
        role: "driver",
        name: "driver-pwa",
      },
      {
        path: "/store/",
        account: `staff.${store.slug}@pizza.example`,
        role: "staff",
        name: "store-console",
      },
    ];
    for (const c of cases) {
      const { page, errors } = await openPage("phone");
      await page.goto(c.path);
      await expectLabelledControls(page);
      // A customer account is turned away with a reason.
      await page.getByRole("textbox", { name: "Email" }).fill("customer@pizza.example");
      await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "Sign in with your" }).waitFor();
      // Its own role gets in and sees who is signed in.
      await page.getByRole("textbox", { name: "Email" }).fill(c.account);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "Sign out" }).waitFor();
      if (c.role === "driver") {
        const summary = page.getByTestId("signed-in-user");
        await summary.waitFor();
        expect(await summary.textContent()).toContain(c.role);
      } else {
        // The console opens on its store's live kitchen display.
        await page.getByTestId("connection").waitFor();
        await page.getByRole("heading", { name: store.name }).waitFor();
      }
      await expectAccessible(page, `${c.name} signed in`);
      await screenshot(page, `${c.name}-signed-in-phone`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(errors).toEqual([]);
    }
  });
});

describe("customer accounts in the browser", { timeout: LONG }, () => {
  const email = `ada.${randomBytes(4).toString("hex")}@example.com`;
  const password = "Margherita-2026!";

  it("signs up (weak password refused with the reason first), saves an address that survives a reload, signs out and in again", async () => {
    const { page, errors } = await openPage("phone");
    await page.goto("/");
    await expectHealthy(page);
    // Keyboard users get the skip link first.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.getByRole("link", { name: "Sign up" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();

    await expectLabelledControls(page);
    // The phone variant of the form at the narrowest phone width.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole("radio", { name: "Phone" }).check();
    await expectLabelledControls(page);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "customer-signup-phone-form-360");
    await page.getByRole("radio", { name: "Email" }).check();
    await page.setViewportSize(VIEWPORTS.phone.viewport);
    await page.getByLabel("Your name").fill("Ada Lovelace");
    await page.getByRole("textbox", { name: "Email" }).fill(email);
    // Meets the length and character rules shown on screen, but the server knows it is common.
    await page.getByLabel("Password", { exact: true }).fill("password123");
    await page.getByRole("button", { name: "Create account" }).click();
    const weak = page.getByText("This password is too common");
    await weak.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
      .toBe("new-password");
    await expectAccessible(page, "sign-up with an error");
    await screenshot(page, "customer-signup-weak-password-phone");

    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    // Step two: the code sent to the address (the embedded notifier keeps what it "sent") confirms it.
    const masked = `a•••@example.com`;
    await page.getByText(`We sent a 6-digit code to ${masked}.`).waitFor();
    const codeInput = page.getByLabel("6-digit code");
    expect(await codeInput.getAttribute("autocomplete")).toBe("one-time-code");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
      .toBe("one-time-code");
    await page.getByText(/You can ask for a new one in \d+ s/).waitFor();
    await expectAccessible(page, "the sign-up code step");
    await expectNoHorizontalScroll(page, "the sign-up code step");
    await screenshot(page, "customer-signup-code-phone");
    // The wait before "Send a new code" counts down.
    await page.getByText(/You can ask for a new one in (2\d|1\d) s/).waitFor();
    const code = lastCodeSentTo(web.server, email);
    expect(code, "code sent at sign-up").toMatch(/^\d{6}$/);
    await codeInput.fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.getByText("That code is not correct.").waitFor();
    await screenshot(page, "customer-signup-code-wrong-phone");
    await codeInput.fill(code!);
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.getByText("Your account is ready").waitFor();
    await page.waitForURL("**/account");
    await page.getByText(email).waitFor();
    // Confirming the sign-up verified the address.
    await page.getByText("verified", { exact: true }).waitFor();

    // A first address: becomes the default.
    await page.getByRole("button", { name: "Add address" }).click();
    await page.getByLabel("Name of this address").fill("Home");
    await page.getByLabel("Street address").fill("350 5th Ave");
    await page.getByLabel("City").fill("New York");
    await page.getByLabel("Postal code (optional)").fill("10118");
    await page.getByLabel("Notes for the driver (optional)").fill("Lobby desk, ask for Ada");
    await page.getByLabel("Latitude").fill("40.748817");
    await page.getByLabel("Longitude").fill("-73.985428");
    await expectLabelledControls(page);
    await expectAccessible(page, "the address form");
    await screenshot(page, "customer-address-form-phone");
    await page.getByRole("button", { name: "Save address" }).click();
    await page.getByText("Added “Home”.").waitFor();
    const addresses = page.getByTestId("address");
    expect(await addresses.count()).toBe(1);
    expect(await addresses.first().textContent()).toContain("Default");

    // A second one, made the default, then edited.
    await page.getByRole("button", { name: "Add address" }).click();
    await page.getByLabel("Name of this address").fill("Work");
    await page.getByLabel("Street address").fill("1 Pizza Plaza");
    await page.getByLabel("City").fill("New York");
    await page.getByLabel("Latitude").fill("91");
    await page.getByLabel("Longitude").fill("-73.99");
    await page.getByRole("button", { name: "Save address" }).click();
    await page.getByText("Latitude must be between -90 and 90.").waitFor();
    await page.getByLabel("Latitude").fill("40.7527");
    await page.getByLabel("Use as my default delivery address").check();
    await page.getByRole("button", { name: "Save address" }).click();
    await page.getByText("Added “Work”.").waitFor();
    await page.getByRole("button", { name: "Edit Work" }).click();
    await page.getByLabel("Apartment, floor, buzzer (optional)").fill("Floor 12");
    await page.getByRole("button", { name: "Save address" }).click();
    await page.getByText("Saved “Work”.").waitFor();

    await page.reload();
    await addresses.first().waitFor();
    expect(await addresses.count()).toBe(2);
    const work = addresses.filter({ hasText: "Work" });
    expect(await work.textContent()).toContain("Default");
    expect(await work.textContent()).toContain("Floor 12");
    expect(await addresses.filter({ hasText: "Home" }).textContent()).toContain("40.74882, -73.98543");
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, "the account page");
    await screenshot(page, "customer-account-phone");
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, "customer-account-360");
    await page.setViewportSize(VIEWPORTS.phone.viewport);

    // Remove one (the browser asks first).
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Remove Home" }).click();
    await page.getByText("Removed “Home”.").waitFor();
    expect(await addresses.count()).toBe(1);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signin?signedOut=1");
    await page.getByText("You are signed out").waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();
    await page.goto("/account");
    await page.waitForURL("**/signin?next=/account");

    await page.getByRole("textbox", { name: "Email" }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("wrong-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /email|password/i })
      .waitFor();
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account");
    await page.getByText("1 Pizza Plaza").waitFor();
    expect(errors).toEqual([]);
  });

  it("a sign-in with a sign-up never confirmed offers its code step, and a new code", async () => {
    const pending = `pending.${randomBytes(4).toString("hex")}@example.com`;
    await web.server.caller(null, "10.200.0.1").auth.register({ email: pending, password, name: "Pending" });
    const { page, errors } = await openPage("phone");
    await page.goto("/signin");
    await page.getByRole("textbox", { name: "Email" }).fill(pending);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Your account is not confirmed yet.", { exact: false }).waitFor();
    await expectAccessible(page, "the code step from sign-in");
    await screenshot(page, "customer-signin-unconfirmed-phone");
    const first = lastCodeSentTo(web.server, pending);
    await page.getByRole("button", { name: "Send a new code" }).click();
    await page.getByText(/We sent a new code to p•••@example\.com\./).waitFor();
    const second = lastCodeSentTo(web.server, pending);
    expect(second).toMatch(/^\d{6}$/);
    expect(
      (web.server.platform.notifier as unknown as { sent: { to: string }[] }).sent.filter(
        (m) => m.to === pending,
      ),
    ).toHaveLength(2);
    if (first !== second) {
      // Only the newest code counts.
      await page.getByLabel("6-digit code").fill(first!);
      await page.getByRole("button", { name: "Confirm and sign in" }).click();
      await page.getByText("That code is not correct.").waitFor();
    }
    await page.getByLabel("6-digit code").fill(second!);
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.waitForURL("**/account");
    await page.getByText(pending).waitFor();
    expect(errors).toEqual([]);
  });

  it("renews an expired access token with the refresh token once, and signs out when that is refused too", async () => {
    // Its own customer, with an address to show, so this test also runs alone (-t).
    const own = `grace.${randomBytes(4).toString("hex")}@example.com`;
    const registered = await signUp(web.server, { email: own, password, name: "Grace Hopper" });
    const me = await web.server.platform.tokens.verify(registered.accessToken);
    await web.server.caller(me).user.updateProfile({
      addresses: [{ label: "Home", line1: "1 Pizza Plaza", city: "New York", lat: 40.75, lng: -73.99 }],
    });
    const { page, errors } = await openPage("phone");
    await page.goto("/signin");
    await page.getByRole("textbox", { name: "Email" }).fill(own);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account");
    await page.getByText("1 Pizza Plaza").waitFor();

    const session = () =>
      page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), SESSION_KEY);
    const before = await session();
    await page.evaluate(
      ([key, s]) =>
        localStorage.setItem(key, JSON.stringify({ ...s, accessToken: "expired.or.forged.token" })),
      [SESSION_KEY, before] as const,
    );
    await page.reload();
    await page.getByText("1 Pizza Plaza").waitFor();
    const after = await session();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe("expired.or.forged.token");

    await page.evaluate(
      ([key, s]) =>
        localStorage.setItem(
          key,
          JSON.stringify({ ...s, accessToken: "expired.or.forged.token", refreshToken: "x".repeat(43) }),
        ),
      [SESSION_KEY, after] as const,
    );
    await page.reload();
    await page.waitForURL("**/signin?next=/account");
    expect(await session()).toBeNull();
    expect(errors).toEqual([]);
  });

  it("does not say whether an address has an account, signs up and in with a phone number at desktop size", async () => {
    const { page, errors } = await openPage("desktop");
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Ada Again");
    await page.getByRole("textbox", { name: "Email" }).fill("Customer@Pizza.example");
    await page.getByLabel("Password", { exact: true }).fill("Quattro-Formaggi-9");
    await page.getByRole("button", { name: "Create account" }).click();
    // The seeded customer's address: the same code step as a new one; its owner is told instead.
    await page.getByText("We sent a 6-digit code to c•••@pizza.example.").waitFor();
    await screenshot(page, "customer-signup-code-desktop");
    const notice = (web.server.platform.notifier as unknown as { sent: { to: string; text: string }[] }).sent;
    expect(notice.findLast((m) => m.to === "customer@pizza.example")?.text).toMatch(
      /Someone tried to create/,
    );
    await page.getByRole("button", { name: "Use a different email address" }).click();

    await page.getByRole("radio", { name: "Phone" }).check();
    await page.getByLabel("Country").selectOption("US");
    const last4 = String(1000 + (Date.now() % 9000)).slice(0, 4);
    const national = `(212) 555-${last4}`;
    await page.getByLabel("Phone number").fill(national);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText(`We sent a 6-digit code to +1 ••• ••• ••${last4.slice(-2)}.`).waitFor();
    await confirmSignUpCode(page, web.server, `+1212555${last4}`);
    await page.getByText("Your account is ready").waitFor();
    await page.getByText(/^\+1212555\d{4}/).waitFor();
    await screenshot(page, "customer-account-desktop");
    await page.goto("/signup");
    await page.waitForURL("**/account");
    await page.goto("/");
    await screenshot(page, "customer-home-signed-in-desktop");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("radio", { name: "Phone" }).check();
    await page.getByLabel("Country").selectOption("US");
    await page.getByLabel("Phone number").fill(national);
    await page.getByLabel("Password", { exact: true }).fill("Quattro-Formaggi-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account");
    await page.getByText(/^\+1212555\d{4}/).waitFor();
    expect(errors).toEqual([]);
  });
});
