import { randomBytes } from "node:crypto";
import type { Channel, Database, Kysely, OrderStatus } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { ReviewReads } from "./review-reads.ts";

/**
 * Test data for the reviews suites. Orders are written directly (the orders module is built in
 * parallel): a finished order with its items and, for deliveries, the delivery row with its driver.
 * Needs the demo seed (stores, menu, drivers).
 */

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}${randomBytes(2).toString("hex")}`;

export async function aUser(
  db: Kysely<Database>,
  opts: { name?: string; role?: AuthUser["role"]; storeId?: string | null } = {},
): Promise<AuthUser> {
  const role = opts.role ?? "customer";
  const name = opts.name ?? "Casey Customer";
  const row = await db
    .insertInto("users")
    .values({
      email: `${role}-${unique()}@example.com`,
      password_hash: "not-a-real-hash",
      name,
      role,
      store_id: opts.storeId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, role, storeId: opts.storeId ?? null, name };
}

export const aCustomer = (db: Kysely<Database>, name?: string) => aUser(db, { name });

export async function aStore(db: Kysely<Database>, slug = "nyc-midtown") {
  return db
    .selectFrom("stores")
    .select(["id", "region_code"])
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
}

export async function staffOf(db: Kysely<Database>, slug = "nyc-midtown"): Promise<AuthUser> {
  const store = await aStore(db, slug);
  return aUser(db, { name: "Sam Staff", role: "staff", storeId: store.id });
}

export async function aDriverOf(db: Kysely<Database>, slug = "nyc-midtown"): Promise<string> {
  const store = await aStore(db, slug);
  const driver = await db
    .selectFrom("drivers")
    .select("user_id")
    .where("home_store_id", "=", store.id)
    .orderBy("user_id")
    .executeTakeFirstOrThrow();
  return driver.user_id;
}

export interface BuiltOrder {
  orderId: string;
  storeId: string;
  regionCode: string;
  driverId: string | null;
  itemIds: string[];
}

/** A finished order of `customer`: delivered by a driver (default), or picked up, or in any status. */
export async function anOrder(
  db: Kysely<Database>,
  customer: AuthUser,
  opts: {
    storeSlug?: string;
    channel?: Channel;
    status?: OrderStatus;
    items?: string[];
    driver?: boolean;
  } = {},
): Promise<BuiltOrder> {
  const channel = opts.channel ?? "delivery";
  const status = opts.status ?? (channel === "delivery" ? "delivered" : "picked_up");
  const items = opts.items ?? ["margherita", "cola"];
  const store = await aStore(db, opts.storeSlug);
  const region = await db
    .selectFrom("regions")
    .select("currency")
    .where("code", "=", store.region_code)
    .executeTakeFirstOrThrow();
  const order = await db
    .insertInto("orders")
    .values({
      region_code: store.region_code,
      store_id: store.id,
      customer_id: customer.id,
      channel,
      status,
      address:
        channel === "delivery"
          ? JSON.stringify({ line1: "1 Test Street", city: "New York", lat: 40.75, lng: -73.98 })
          : null,
      lat: channel === "delivery" ? 40.75 : null,
      lng: channel === "delivery" ? -73.98 : null,
      currency: region.currency,
      subtotal: 1000 * items.length,
      tax_included: false,
      total: 1000 * items.length,
      idempotency_key: `test-${unique()}`,
      promised_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("order_items")
    .values(
      items.map((itemId, i) => ({
        order_id: order.id,
        region_code: store.region_code,
        line_no: i + 1,
        item_id: itemId,
        kind: "pizza" as const,
        quantity: 1,
        config: JSON.stringify({}),
        name: itemId,
        unit_price: 1000,
        line_total: 1000,
      })),
    )
    .execute();
  let driverId: string | null = null;
  if (channel === "delivery" && opts.driver !== false) {
    driverId = await aDriverOf(db, opts.storeSlug);
    await db
      .insertInto("deliveries")
      .values({
        order_id: order.id,
        region_code: store.region_code,
        store_id: store.id,
        driver_id: driverId,
        status: status === "delivered" ? "delivered" : "assigned",
        delivered_at: status === "delivered" ? new Date() : null,
      })
      .execute();
  }
  return { orderId: order.id, storeId: store.id, regionCode: store.region_code, driverId, itemIds: items };
}

/** What a faulty reviews store does before a read: throw, or return a promise that never settles (a hang). */
export type ReadFault = (operation: string) => Promise<void> | void;

/**
 * A `ReviewReads` port for the degradation suites (passed as `reviewReads` to the test platform): reads
 * go through until a test sets `fault`, then fail or hang as the fault says; `calls` counts the reads
 * that reached the port while a fault was set.
 */
export class FaultyReviewReads implements ReviewReads {
  fault: ReadFault | undefined;
  calls = 0;

  async run<T>(operation: string, read: () => Promise<T>): Promise<T> {
    if (this.fault) {
      this.calls++;
      await this.fault(operation);
    }
    return read();
  }
}
