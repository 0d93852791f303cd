// What the proof-of-delivery e2e files share: a real server with the filesystem blob store (kitchen
// autopilot, no simulated drivers), Chromium, a driver's phone near the store `slug`, and pages of the
// other apps signed in as seeded accounts at a tablet's width.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signedInPage } from "@pizza/api/testing/browser";
import { DEMO_PASSWORD, signInAsDriver, until } from "./support.ts";
import { driverSession } from "./trip-support.ts";

export async function proofRig(slug: string) {
  const blobDir = await mkdtemp(join(tmpdir(), "pod-e2e-"));
  const session = await driverSession(slug, {
    SIM_DRIVERS: "0",
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: "300",
    BLOB_DIR: blobDir,
  });
  const { server, browser, context, page, store } = session;
  return {
    server,
    browser,
    context,
    page,
    store,
    /** A page of `app` signed in as a seeded `email`, at a tablet's width. */
    signedIn: (app: "customer-web" | "store-console", email: string) =>
      signedInPage(
        server,
        browser,
        app,
        { email, password: DEMO_PASSWORD },
        { viewport: { width: 1024, height: 900 } },
      ),
    /** The driver signs in on the phone and clocks in; ends with the location shared. */
    async clockIn(email: string) {
      await signInAsDriver(page, email);
      await page.getByRole("button", { name: /Clock in/ }).click();
      await page.getByRole("heading", { name: "On shift" }).waitFor();
      await page.getByTestId("location").and(page.locator('[data-state="ok"]')).waitFor();
    },
    /** The seeded customer, signed in through the API. */
    customer: () => server.caller().auth.login({ email: "customer@pizza.example", password: DEMO_PASSWORD }),
    /** The phone moves to `to`; waits until the server's index has the driver there. */
    async moveDriver(email: string, to: { latitude: number; longitude: number }) {
      await context.setGeolocation(to);
      const driverId = (
        await server.db.db
          .selectFrom("users")
          .select("id")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).id;
      await until("the new position reaches the index", async () => {
        const d = await server.platform.services.delivery.index.getDriver(driverId, store.id);
        return d?.position && Math.abs(d.position.lat - to.latitude) < 1e-6;
      });
    },
    async close() {
      await session.close();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}

export type ProofRig = Awaited<ReturnType<typeof proofRig>>;
