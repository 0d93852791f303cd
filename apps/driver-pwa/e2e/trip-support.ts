// What the trip e2e needs besides support.ts: a server with a phone near a store (one call, one close),
// an order's status as the server stored it, and a customer's page signed in.
import {
  type AppServer,
  backings,
  launchBrowser,
  signedInPage,
  startAppServer,
} from "@pizza/api/testing/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD, newPage, phoneNearStore } from "./support.ts";

export interface DriverSession {
  server: AppServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  store: { id: string; lat: number; lng: number };
  close(): Promise<void>;
}

/** The embedded app server with `env`, its event consumers started, Chromium, a phone 100 m from `slug`. */
export async function driverSession(slug: string, env: Record<string, string>): Promise<DriverSession> {
  const server = await startAppServer(backings[0], env);
  await server.platform.events.start();
  const browser = await launchBrowser();
  const { store, context } = await phoneNearStore(server, browser, slug, 100);
  const page = await newPage(context);
  return {
    server,
    browser,
    context,
    page,
    store,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
}

/** The order as the server stored it: its status and number. */
export const orderRow = (server: AppServer, orderId: string) =>
  server.db.db
    .selectFrom("orders")
    .select(["status", "order_number"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();

/** A page of `app` signed in as the seeded `email`, at a tablet's width (the tracker, the store console). */
export function signedIn(s: DriverSession, app: "customer-web" | "store-console", email: string) {
  return signedInPage(
    s.server,
    s.browser,
    app,
    { email, password: DEMO_PASSWORD },
    { viewport: { width: 1280, height: 900 } },
  );
}
