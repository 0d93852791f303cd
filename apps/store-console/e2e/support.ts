// What the store console's e2e files share: a real server (embedded backing, seeded demo data), one
// Chromium, typed API clients, tracked sockets, and console pages signed in as a given account.
import type { AppRouter } from "@pizza/api/router";
import {
  type AppServer,
  backings,
  expectAccessible,
  launchBrowser,
  rememberSession,
  startAppServer,
  watchConsole,
} from "@pizza/api/testing/browser";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";

export const LONG = 120_000;
export const PASSWORD = "PizzaDemo-2026";

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

/** Starts the server with `env` (its event relay and live fan-out too) and Chromium; stops both after the file. */
export function consoleUnderTest(env: Record<string, string>) {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startAppServer(backings[0], env);
    await server.platform.events.start();
    browser = await launchBrowser();
  }, LONG);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const ui = {
    get server(): AppServer {
      if (!server) throw new Error("the app server is not started (use it inside a test)");
      return server;
    },
    client(token?: string): Client {
      return createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${ui.server.url}/trpc`,
            headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
          }),
        ],
      });
    },
    login: (email: string) => ui.client().auth.login.mutate({ email, password: PASSWORD }),
    /** A Socket.IO client with this access token, disconnected after the file. */
    socket(token: string): Socket {
      const socket = io(ui.server.url, { auth: { token }, transports: ["websocket"] });
      sockets.push(socket);
      return socket;
    },
    /** A browser context on the server's URL, closed after the file. */
    async newContext(options: BrowserContextOptions): Promise<BrowserContext> {
      if (!browser) throw new Error("the browser is not started (use it inside a test)");
      const context = await browser.newContext({ ...options, baseURL: ui.server.url });
      contexts.push(context);
      return context;
    },
    /**
     * A console page signed in as `email` (the session stored as the sign-in form stores it); `prepare`
     * may add init scripts to its context before the page opens.
     */
    async consolePage(
      email: string,
      options: BrowserContextOptions,
      prepare?: (context: BrowserContext) => Promise<unknown>,
    ) {
      const session = await ui.login(email);
      const context = await ui.newContext(options);
      await rememberSession(context, "store-console", session);
      await prepare?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const { errors } = watchConsole(page);
      await page.goto("/store/");
      await page.getByTestId("connection").and(page.locator('[data-state="connected"]')).waitFor();
      return { page, context, errors, session, api: ui.client(session.accessToken) };
    },
  };
  return ui;
}

export { expectAccessible };
