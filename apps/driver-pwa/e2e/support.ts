// What the driver PWA's e2e files share: signing a seeded driver in the way a driver does.
import type { Page } from "playwright-core";
import { vi } from "vitest";

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

/** Metres → degrees near a place (good enough for a few kilometres): a geolocation fix for Playwright. */
export function offset(from: { lat: number; lng: number }, northM: number, eastM: number) {
  return {
    latitude: from.lat + northM / 111_320,
    longitude: from.lng + eastM / (111_320 * Math.cos((from.lat * Math.PI) / 180)),
    accuracy: 8,
  };
}

/** Polls `check` until it returns a truthy value (and returns it), at most `ms`. */
export function until<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  ms = 30_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const v = await check();
      if (!v) throw new Error(`${what}: not reached within ${ms} ms`);
      return v;
    },
    { timeout: ms, interval: 100 },
  );
}
