// Test data builders: readable, unique data for each test instead of copied fixtures.
import { randomUUID } from "node:crypto";
import type { AuthUser } from "../modules/auth/tokens.ts";
import type { TCartLineInput } from "../modules/menu/menu.schemas.ts";
import type { TPlaceOrderInput } from "../modules/orders/orders.schemas.ts";
import type { TestPlatform } from "./harness.ts";

let n = 0;
const unique = () =>
  `${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A fresh customer account (no password login needed: tests act through `caller(user)`). */
export async function aCustomer(
  t: TestPlatform,
  overrides: { name?: string; locale?: string } = {},
): Promise<AuthUser> {
  const row = await t.platform.db
    .insertInto("users")
    .values({
      email: `customer-${unique()}@example.com`,
      phone: null,
      password_hash: "test-only",
      name: overrides.name ?? "Test Customer",
      role: "customer",
      store_id: null,
      locale: overrides.locale ?? "en",
      updated_at: new Date(),
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  return { id: row.id, role: "customer", storeId: null, name: row.name };
}

async function seededStaff(t: TestPlatform, email: string): Promise<AuthUser> {
  const row = await t.platform.db
    .selectFrom("users")
    .select(["id", "name", "store_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { id: row.id, role: "staff", storeId: row.store_id, name: row.name };
}

/** The seeded staff account of a store (`staff.<slug>@pizza.example`). */
/** A fresh driver whose home store is `store` (an id); tests never share drivers. */
export async function aDriver(t: TestPlatform, store: string, name = "Test Driver"): Promise<AuthUser> {
  const u = await t.platform.db
    .insertInto("users")
    .values({
      email: `driver-${unique()}@example.com`,
      phone: null,
      password_hash: "test-only",
      name,
      role: "driver",
      store_id: null,
      locale: null,
      updated_at: new Date(),
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await t.platform.db.insertInto("drivers").values({ user_id: u.id, home_store_id: store }).execute();
  return { id: u.id, role: "driver", storeId: null, name: u.name };
}

export const aStaff = (t: TestPlatform, storeSlug: string): Promise<AuthUser> =>
  seededStaff(t, `staff.${storeSlug}@pizza.example`);

/** The seeded manager of a store (`manager.<slug>@pizza.example`). */
export const aManager = (t: TestPlatform, storeSlug: string): Promise<AuthUser> =>
  seededStaff(t, `manager.${storeSlug}@pizza.example`);

/** The seeded region manager of a region (`region.<code>@pizza.example`: the demo has `us`); no store. */
export const aRegionManager = (t: TestPlatform, regionCode: string): Promise<AuthUser> =>
  seededStaff(t, `region.${regionCode}@pizza.example`);

export async function anAdmin(t: TestPlatform): Promise<AuthUser> {
  const row = await t.platform.db
    .selectFrom("users")
    .select(["id", "name"])
    .where("email", "=", "admin@pizza.example")
    .executeTakeFirstOrThrow();
  return { id: row.id, role: "admin", storeId: null, name: row.name };
}

export async function storeId(t: TestPlatform, slug: string): Promise<string> {
  const row = await t.platform.db
    .selectFrom("stores")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Near each always-open demo store, inside its delivery zone. */
export const NEAR = {
  "nyc-midtown": { lat: 40.7589, lng: -73.9851 },
  "ber-mitte": { lat: 52.5251, lng: 13.4035 },
  "tyo-shibuya": { lat: 35.6605, lng: 139.7005 },
} as const;

export const aPizza = (overrides: Partial<TCartLineInput> = {}): TCartLineInput => ({
  itemId: "pepperoni",
  variant: "large",
  quantity: 1,
  ...overrides,
});

export const aSide = (itemId = "garlic_bread", variant = "8pc", quantity = 1): TCartLineInput => ({
  itemId,
  variant,
  quantity,
});

export const aCart = (...lines: TCartLineInput[]): TCartLineInput[] =>
  lines.length > 0 ? lines : [aPizza()];

/** A carryout order at a store (cash: placed at once), unique idempotency key. */
export function aCarryoutOrder(store: string, overrides: Partial<TPlaceOrderInput> = {}): TPlaceOrderInput {
  return {
    idempotencyKey: `key-${randomUUID()}`,
    channel: "carryout",
    paymentMethod: "cash",
    storeId: store,
    items: aCart(),
    tip: 0,
    ...overrides,
  };
}

/** A delivery order near Midtown (or the given location). */
export function aDeliveryOrder(
  store: string | undefined,
  overrides: Partial<TPlaceOrderInput> = {},
  location: { lat: number; lng: number } = NEAR["nyc-midtown"],
): TPlaceOrderInput {
  return {
    idempotencyKey: `key-${randomUUID()}`,
    channel: "delivery",
    paymentMethod: "card",
    ...(store ? { storeId: store } : {}),
    address: { line1: "1 Test Street", city: "Test City" },
    location,
    items: aCart(aPizza(), aPizza({ itemId: "margherita" })),
    tip: 0,
    ...overrides,
  };
}
