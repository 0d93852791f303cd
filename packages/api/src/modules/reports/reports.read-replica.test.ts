// Reports read the read replica when one is configured (DATABASE_READ_URL, the CI pair's standby): with
// the standby's replay paused, a change on the primary is not in the figures yet, and it is once replay
// resumes. Fails, never skips, without a standby.
import { standbyUrlOf, TEST_DATABASE_URL } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aManager } from "../../testing/builders.ts";
import { createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { withReplayPaused } from "../../testing/standby.ts";
import { FIXTURE_WEEK, seedReportFixture } from "./reports.test-support.ts";

describe("reports with DATABASE_READ_URL", () => {
  let t: TestPlatform;
  let standbyUrl: string;

  beforeAll(async () => {
    t = await createTestPlatform(
      { db: "postgres", redis: false },
      {
        seed: true,
        envFor: async (db) => {
          standbyUrl = await standbyUrlOf(db);
          return {
            DATABASE_URL: TEST_DATABASE_URL,
            DATABASE_READ_URL: standbyUrl,
            DATABASE_READ_CHECK_MS: "60000",
          };
        },
      },
    );
    await seedReportFixture(t.platform.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("computes the figures on the standby", async () => {
    const manager = await aManager(t, "nyc-midtown");
    const sales = async () => (await t.caller(manager).reports.sales(FIXTURE_WEEK)).totals[0]?.sales;
    await until(
      "reads on the standby",
      async () => (await t.platform.readiness()).replication?.reads === "standby",
    );
    await until("the fixture replayed on the standby", async () => (await sales()) === 10500);
    await withReplayPaused(standbyUrl, async () => {
      await t.platform.db
        .updateTable("orders")
        .set((eb) => ({ total: eb("total", "+", 100) }))
        .where("idempotency_key", "=", "report-fixture-0")
        .execute();
      expect(await sales()).toBe(10500);
    });
    await until("the change replayed", async () => (await sales()) === 10600);
  });
});
