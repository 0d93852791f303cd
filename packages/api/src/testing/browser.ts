import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { repoRoot } from "../env.ts";
import type { CardGateway } from "../modules/payments/gateway/payment-gateway.ts";
import { APPS } from "../server.ts";
import { type Backing, backings, createTestPlatform, startTestServer, type TestPlatform } from "./harness.ts";

export { sweepExpiredPoints } from "../modules/loyalty/expire-points.ts";
export { appendEntry as appendPointsEntry } from "../modules/loyalty/ledger.ts";
export { StripeGateway } from "../modules/payments/gateway/stripe-gateway.ts";
export { FIXTURE_WEEK, seedReportFixture } from "../modules/reports/reports.test-support.ts";
export { APPS } from "../server.ts";
export { aCustomer, aDeliveryOrder, aStaff } from "./builders.ts";
export { backings } from "./harness.ts";
export { until } from "./signals.ts";
export { stripeJsStandIn } from "./stripe-js-stand-in.ts";
export { StripeStandIn } from "./stripe-stand-in.ts";

/** Debian's chromium (no browser download); CHROMIUM_PATH points elsewhere when needed. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Quiet, deterministic Chromium for CI machines: no sandbox (containers), no background traffic. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is required for the end-to-end tests and was not found at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** The viewports the apps are checked (and photographed) at. */
export const VIEWPORTS = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  desktop: { viewport: { width: 1280, height: 800 } },
} satisfies Record<string, BrowserContextOptions>;

/** Fails with the command to run when an app has not been built: the server only serves `dist/`. */
export function assertAppsBuilt(): void {
  const missing = APPS.filter((a) => !existsSync(join(repoRoot, "apps", a.name, "dist", "index.html")));
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests need the built apps, and ${missing.map((a) => `apps/${a.name}/dist`).join(", ")} ${missing.length === 1 ? "is" : "are"} missing: run npm run build first`,
    );
  }
}

export interface AppServer extends TestPlatform {
  /** The API's origin, e.g. http://127.0.0.1:41234; the apps live at `/`, `/driver/`, `/store/`. */
  url: string;
}

/**
 * A real API server (fresh seeded database, demo accounts included) that also serves the built apps
 * from one origin, exactly as `npm start` does. Embedded backing unless told otherwise.
 */
export async function startAppServer(
  backing: Pick<Backing, "db" | "redis"> = backings[0]!,
  env: Record<string, string> = {},
  /** E.g. Stripe pointed at the local stand-in. */
  options: { paymentGateway?: CardGateway } = {},
): Promise<AppServer> {
  assertAppsBuilt();
  const test = await createTestPlatform(backing, {
    seed: true,
    env: { SERVE_APPS: "true", ...env },
    ...options,
  });
  const server = await startTestServer(test.platform).catch(async (error) => {
    await test.close();
    throw error;
  });
  return {
    ...test,
    url: server.url,
    async close() {
      await server.close();
      await test.close();
    },
  };
}

/**
 * Runs a script file in the page (e.g. axe-core) the way DevTools would: `page.addScriptTag` adds an
 * inline <script>, which the server's Content-Security-Policy rightly refuses.
 */
export async function injectScript(page: Page, path: string): Promise<void> {
  await page.evaluate(`${readFileSync(path, "utf8")}\n//# sourceURL=${path}`);
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's WCAG 2.1 A/AA rules find nothing on the page; `what` names it in the failure. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await injectScript(page, AXE);
  const violations = await page.evaluate(async () => {
    // Runs in the page: its globals, typed here without the DOM library this package builds without.
    const page = globalThis as unknown as { axe: typeof import("axe-core"); document: never };
    const result = await page.axe.run(page.document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  expect(violations, `accessibility of ${what}`).toEqual([]);
}

export const SCREENSHOT_DIR = join(repoRoot, "test-results", "screenshots");

/** A full-page screenshot under test-results/screenshots/<name>.png (gitignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  // From the top, or sticky headers get painted where the page happened to be scrolled to.
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

/**
 * Records what would show up red in the browser console: uncaught exceptions, console.error, failed
 * loads. An API refusal the screen explains (a 4xx from /trpc, e.g. a weak password) is expected and
 * not counted; anything else (a missing asset, a 5xx, a crash) is.
 */
export function watchConsole(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    const where = message.location().url;
    if (/status of 4\d\d/.test(text) && new URL(where, "http://x").pathname.startsWith("/trpc")) return;
    errors.push(`${text}${where ? ` (${where})` : ""}`);
  });
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 500 || (response.status() >= 400 && !path.startsWith("/trpc"))) {
      errors.push(`HTTP ${response.status()} for ${response.request().method()} ${path}`);
    }
  });
  return { errors };
}

type AppName = "customer-web" | "store-console" | "driver-pwa";

/** Stores `session` in `context` where `app`'s sign-in form stores it: its pages open signed in. */
export async function rememberSession(
  context: BrowserContext,
  app: AppName,
  session: { accessToken: string; refreshToken: string; user: unknown },
): Promise<void> {
  // Runs in the page, where localStorage exists (this package's types have no DOM).
  const store = ([key, value]: readonly [string, string]) =>
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      key,
      value,
    );
  await context.addInitScript(store, [
    `pizza.${app}.session`,
    JSON.stringify({
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      user: session.user,
    }),
  ] as const);
}

/** A page of `app` signed in as `login`, in a new context of `browser` with `options` (viewport, locale). */
export async function signedInPage(
  server: AppServer,
  browser: Browser,
  app: AppName,
  login: { email: string; password: string },
  options: BrowserContextOptions = {},
) {
  const session = await server.caller().auth.login(login);
  const context = await browser.newContext({ ...options, baseURL: server.url });
  await rememberSession(context, app, session);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { page, session };
}
