import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./connect.ts";
import { migrateToLatest } from "./migrate.ts";
import { seed } from "./seed.ts";
import { countRows, createTestDb, dbKinds } from "./testing.ts";

describe.each(dbKinds)("data layer on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("reports its kind", () => {
    expect(handle.kind).toBe(kind);
  });

  it("runs migrations again without applying anything", async () => {
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it("seeds the demo chain once", async () => {
    const first = await seed(handle.db);
    expect(first.seeded).toBe(true);
    expect(first.stores).toBeGreaterThanOrEqual(5);
    const again = await seed(handle.db);
    expect(again.seeded).toBe(false);
    expect(await countRows(handle, "stores")).toBe(first.stores);
    const regions = await handle.db
      .selectFrom("regions")
      .select(["code", "currency", "tax_mode", "currency_digits"])
      .execute();
    expect(new Set(regions.map((r) => r.tax_mode))).toEqual(new Set(["exclusive", "inclusive"]));
    expect(regions.some((r) => r.currency_digits === 0)).toBe(true);
    expect(await countRows(handle, "toppings")).toBeGreaterThanOrEqual(15);
  });

  it("prices every item in every region", async () => {
    const missing = await sql<{ id: string; code: string }>`
      select i.id, r.code from menu_items i cross join regions r
      where not exists (select 1 from prices p where p.entity = 'item' and p.entity_id = i.id and p.region_code = r.code)`.execute(
      handle.db,
    );
    expect(missing.rows).toEqual([]);
  });

  it("routes each region's orders into its own partition", async () => {
    const store = await handle.db
      .selectFrom("stores")
      .select(["id", "region_code"])
      .where("region_code", "=", "jp")
      .executeTakeFirstOrThrow();
    const customer = await handle.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "customer")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("orders")
      .values({
        region_code: "jp",
        store_id: store.id,
        customer_id: customer.id,
        channel: "carryout",
        status: "placed",
        currency: "JPY",
        subtotal: 1950,
        tax_included: true,
        tax: 144,
        total: 1950,
        idempotency_key: "k1",
        promised_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    const { rows } = await sql<{ part: string }>`select tableoid::regclass::text as part from orders`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.part)).toEqual(["orders_jp"]);
  });

  it("refuses a phone number that is not E.164", async () => {
    await expect(
      handle.db
        .insertInto("users")
        .values({ phone: "555-0100", name: "x", password_hash: "x", updated_at: new Date() })
        .execute(),
    ).rejects.toThrow();
  });
});
