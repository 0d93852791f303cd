import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

// What the driver PWA reads besides the dispatch flow: the stores a driver may clock in at.
// (The enriched `current` — items, drinks, notes, contact — is checked end to end in apps/driver-pwa/e2e.)
async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe.each(backings)("delivery.myStores on $name", (backing) => {
  let t: TestPlatform;
  let driver: AuthUser;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: { DISPATCH_TICK_MS: "0" } });
    midtown = await storeId(t, "nyc-midtown");
    const row = await t.platform.db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", "driver1.nyc-midtown@pizza.example")
      .executeTakeFirstOrThrow();
    driver = { id: row.id, role: "driver", storeId: null, name: row.name };
  });

  afterAll(async () => {
    await t?.close();
  });

  it("a driver sees their home store only, with its location", async () => {
    const stores = await t.caller(driver).delivery.myStores();
    expect(stores).toHaveLength(1);
    expect(stores[0]).toMatchObject({ id: midtown, regionCode: "us" });
    expect(typeof stores[0]!.lat).toBe("number");
    expect(Object.keys(stores[0]!).sort()).toEqual(["address", "id", "lat", "lng", "name", "regionCode"]);
  });

  it("refuses other roles, anonymous callers and unexpected input", async () => {
    expect(await code(t.caller(await aCustomer(t)).delivery.myStores())).toBe("FORBIDDEN");
    expect(await code(t.caller(null).delivery.myStores())).toBe("UNAUTHORIZED");
    expect(await code(t.caller(driver).delivery.myStores({ storeId: "x" } as never))).toBe("BAD_REQUEST");
  });
});
