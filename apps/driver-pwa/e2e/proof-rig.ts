// What the proof-of-delivery e2e files share: a real server (kitchen autopilot, no simulated drivers) with
// the filesystem blob store, or S3 (a local s3rver the browser uploads to with presigned links), Chromium, a driver's phone near the store `slug`, and pages of the
// other apps signed in as seeded accounts at a tablet's width.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signedInPage } from "@pizza/api/testing/browser";
import { startTestS3Server } from "@pizza/api/testing/s3-server";
import { DEMO_PASSWORD, signInAsDriver, until } from "./support.ts";
import { driverSession } from "./trip-support.ts";

export async function proofRig(slug: string, options: { blobs?: "filesystem" | "s3" } = {}) {
  const blobDir = await mkdtemp(join(tmpdir(), "pod-e2e-"));
  const s3 = options.blobs === "s3" ? await startTestS3Server("proof-e2e", { browsers: true }) : null;
  const session = await driverSession(slug, {
    SIM_DRIVERS: "0",
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: "300",
    ...(s3
      ? {
          S3_ENDPOINT: s3.settings.endpoint ?? "",
          S3_BUCKET: s3.settings.bucket,
          S3_REGION: s3.settings.region,
          S3_ACCESS_KEY_ID: s3.settings.accessKeyId,
          S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey,
        }
      : { BLOB_DIR: blobDir }),
  });
  const { server, browser, context, page, store } = session;
  return {
    server,
    browser,
    context,
    page,
    store,
    /** Where the S3 store answers (null: the filesystem store, under this server). */
    s3Endpoint: s3 ? s3.settings.endpoint : null,
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
      await s3?.close();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}

export type ProofRig = Awaited<ReturnType<typeof proofRig>>;

/** An 8×8 red JPEG, as a phone camera would hand one over (any real image will do). */
export const PHOTO = Buffer.from(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCWAAqu/9k=",
  "base64",
);
