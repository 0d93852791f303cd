// What the driver PWA's e2e files share: signing a seeded driver in the way a driver does.
import type { Page } from "playwright-core";

/** Every seeded account's password (README, "Demo accounts"). */
export const DEMO_PASSWORD = "PizzaDemo-2026";

/**
 * Signs a seeded driver in at /driver/ and dismisses the service worker's one-time "works offline" note;
 * ends on "Start your shift".
 */
export async function signInAsDriver(page: Page, email: string) {
  await page.goto("/driver/");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Start your shift" }).waitFor();
  const toast = page.getByTestId("pwa-toast");
  await toast.waitFor();
  await toast.getByRole("button", { name: "OK" }).click();
}
