import { hash } from "@node-rs/argon2";
import { gridDisk, latLngToCell } from "h3-js";
import type { Insertable, Kysely } from "kysely";
import { ensureOrderPartition } from "./partitions.ts";
import type { Database, NewUser } from "./schema.ts";
import * as data from "./seed-data.ts";

/** H3 resolution of delivery-zone cells (~0.7 km² hexagons, edge ≈ 460 m). */
export const ZONE_RESOLUTION = 8;
/** Rings of zone cells around a store: 5 rings ≈ a 4 km delivery radius. */
const ZONE_RINGS = 5;
const LOCALES = ["en", "de", "ja"] as const;

/** Converts a US base price (cents) into the region's price list, rounded the way shops round. */
export function regionPrice(regionCode: string, usCents: number): number {
  if (usCents === 0) return 0;
  switch (regionCode) {
    case "de":
      return Math.max(49, Math.round((usCents * 0.92) / 50) * 50 - 1);
    case "jp":
      return Math.round((usCents * 1.5) / 10) * 10;
    default:
      return usCents;
  }
}

export interface SeedResult {
  seeded: boolean;
  stores: number;
  users: number;
}

/** Loads the demo chain (regions, stores, menu, prices, accounts, promos). Does nothing when already seeded. */
export async function seed(db: Kysely<Database>): Promise<SeedResult> {
  const existing = await db.selectFrom("regions").select("code").limit(1).execute();
  if (existing.length > 0) return { seeded: false, stores: 0, users: 0 };

  const passwordHash = await hash(data.DEMO_PASSWORD, { algorithm: 2 /* argon2id */ });

  // Partitions are DDL and must exist before the transaction writes anything into orders.
  await db.insertInto("regions").values(data.regions).execute();
  await db.insertInto("tax_rates").values(data.taxRates).execute();
  for (const region of data.regions) await ensureOrderPartition(db, region.code);

  return db.transaction().execute(async (trx) => {
    const storeIds = new Map<string, string>();
    for (const s of data.stores) {
      const cell = latLngToCell(s.lat, s.lng, ZONE_RESOLUTION);
      const row = await trx
        .insertInto("stores")
        .values({
          region_code: s.region,
          slug: s.slug,
          name: s.name,
          address: s.address,
          phone: s.phone,
          lat: s.lat,
          lng: s.lng,
          h3_cell: cell,
          timezone: s.tz,
          hours: JSON.stringify(s.hours),
          kitchen_capacity: 12,
          driver_fee_per_delivery: data.driverFeePerDelivery[s.region] ?? 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      storeIds.set(s.slug, row.id);
      await trx
        .insertInto("store_delivery_cells")
        .values(gridDisk(cell, ZONE_RINGS).map((c) => ({ cell: c, store_id: row.id })))
        .execute();
    }

    const translations: Insertable<Database["translations"]>[] = [];
    const named = (
      entity: string,
      id: string,
      names: readonly string[],
      descriptions?: readonly string[],
    ) => {
      LOCALES.forEach((locale, i) => {
        translations.push({
          entity,
          entity_id: id,
          locale,
          name: names[i]!,
          description: descriptions?.[i] ?? null,
        });
      });
    };
    const prices: {
      region_code: string;
      entity: Database["prices"]["entity"];
      entity_id: string;
      variant: string;
      amount: number;
    }[] = [];
    const priced = (entity: Database["prices"]["entity"], id: string, variant: string, usCents: number) => {
      for (const r of data.regions) {
        prices.push({
          region_code: r.code,
          entity,
          entity_id: id,
          variant,
          amount: regionPrice(r.code, usCents),
        });
      }
    };

    await trx
      .insertInto("menu_categories")
      .values(data.categories.map((c, i) => ({ id: c.id, sort: i })))
      .execute();
    for (const c of data.categories) named("category", c.id, c.names);

    await trx
      .insertInto("pizza_sizes")
      .values(
        data.sizes.map((s, i) => ({
          id: s.id,
          diameter_cm: s.diameter,
          max_toppings: s.maxToppings,
          sort: i,
        })),
      )
      .execute();
    for (const s of data.sizes) named("size", s.id, s.names);

    await trx
      .insertInto("crusts")
      .values(data.crusts.map((c, i) => ({ id: c.id, sort: i })))
      .execute();
    for (const c of data.crusts) {
      named("crust", c.id, c.names);
      await trx
        .insertInto("crust_sizes")
        .values(Object.keys(c.sizes).map((size) => ({ crust_id: c.id, size_id: size })))
        .execute();
      for (const [size, cents] of Object.entries(c.sizes)) priced("crust", c.id, size, cents);
    }

    await trx
      .insertInto("sauces")
      .values(data.sauces.map((s, i) => ({ id: s.id, sort: i })))
      .execute();
    for (const s of data.sauces) named("sauce", s.id, s.names);

    for (const level of data.cheeseLevels) {
      named("cheese", level.id, level.names);
      for (const size of data.sizes) priced("cheese", level.id, size.id, level.prices[size.id] ?? 0);
    }

    await trx
      .insertInto("toppings")
      .values(data.toppings.map((t, i) => ({ id: t.id, kind: t.kind, premium: t.premium ?? false, sort: i })))
      .execute();
    for (const t of data.toppings) {
      named("topping", t.id, t.names);
      for (const [size, cents] of Object.entries(data.toppingPrices)) {
        priced("topping", t.id, size, cents + (t.premium ? data.premiumSurcharge : 0));
      }
    }

    for (const [i, item] of data.items.entries()) {
      await trx
        .insertInto("menu_items")
        .values({
          id: item.id,
          category_id: item.category,
          kind: item.kind,
          tax_category: item.taxCategory ?? (item.kind === "drink" ? "soft_drink" : "food"),
          age_restricted: item.ageRestricted ?? false,
          default_sauce: item.sauce ?? null,
          default_cheese: item.cheese ?? null,
          default_toppings: item.toppings ?? [],
          tags: item.tags ?? [],
          sort: i,
        })
        .execute();
      named("item", item.id, item.names, item.descriptions);
      for (const [variant, cents] of Object.entries(item.prices)) priced("item", item.id, variant, cents);
      if (item.kind !== "pizza") {
        const variants = Object.keys(item.prices).filter((v) => v !== "");
        if (variants.length > 0) {
          await trx
            .insertInto("menu_item_variants")
            .values(variants.map((v, sort) => ({ item_id: item.id, id: v, sort })))
            .execute();
          for (const v of variants) named("variant", `${item.id}:${v}`, item.variantNames?.[v] ?? [v, v, v]);
        }
      }
      for (const [g, group] of (item.optionGroups ?? []).entries()) {
        await trx
          .insertInto("menu_option_groups")
          .values({ id: group.id, item_id: item.id, min_select: group.min, max_select: group.max, sort: g })
          .execute();
        named("option_group", group.id, group.names);
        await trx
          .insertInto("menu_options")
          .values(group.options.map((o, sort) => ({ id: o.id, group_id: group.id, sort })))
          .execute();
        for (const o of group.options) {
          named("option", `${group.id}:${o.id}`, o.names);
          priced("option", `${group.id}:${o.id}`, "", o.price ?? 0);
        }
      }
    }

    await trx.insertInto("translations").values(translations).execute();
    await trx.insertInto("prices").values(prices).execute();

    // Counted stock for the things a store really runs out of; everything else is uncounted.
    for (const storeId of storeIds.values()) {
      await trx
        .insertInto("store_stock")
        .values([
          { store_id: storeId, entity: "item", entity_id: "tiramisu", stock: 25 },
          { store_id: storeId, entity: "item", entity_id: "lava_cake", stock: 40 },
          { store_id: storeId, entity: "crust", entity_id: "gluten_free", stock: 15 },
          { store_id: storeId, entity: "topping", entity_id: "goat_cheese", stock: 60 },
        ])
        .execute();
    }

    const users: NewUser[] = [];
    const user = (u: Omit<NewUser, "password_hash" | "updated_at">) =>
      users.push({
        ...u,
        password_hash: passwordHash,
        updated_at: new Date(),
        email_verified_at: new Date(),
      });
    user({
      email: "admin@pizza.example",
      name: "Ada Admin",
      role: "admin",
      phone: null,
      store_id: null,
      locale: "en",
    });
    user({
      email: "customer@pizza.example",
      phone: "+12125550100",
      name: "Casey Customer",
      role: "customer",
      store_id: null,
      locale: "en",
    });
    user({
      email: "kunde@pizza.example",
      phone: null,
      name: "Kim Kunde",
      role: "customer",
      store_id: null,
      locale: "de",
    });
    user({
      email: "kyaku@pizza.example",
      phone: null,
      name: "山田 花子",
      role: "customer",
      store_id: null,
      locale: "ja",
    });
    // The US region's manager: the region's price rule and reports, no store (migration 0044).
    user({
      email: "region.us@pizza.example",
      phone: null,
      name: "Rosa Region (US)",
      role: "staff",
      staff_role: "region_manager",
      region_code: "us",
      store_id: null,
      locale: "en",
    });
    for (const s of data.stores) {
      user({
        email: `staff.${s.slug}@pizza.example`,
        phone: null,
        name: `${s.name} Kitchen`,
        role: "staff",
        staff_role: "crew",
        store_id: storeIds.get(s.slug)!,
        locale: null,
      });
      user({
        email: `manager.${s.slug}@pizza.example`,
        phone: null,
        name: `${s.name} Manager`,
        role: "staff",
        staff_role: "manager",
        store_id: storeIds.get(s.slug)!,
        locale: null,
      });
      for (const n of [1, 2, 3]) {
        user({
          email: `driver${n}.${s.slug}@pizza.example`,
          phone: null,
          name: `Driver ${n} ${s.name}`,
          role: "driver",
          store_id: null,
          locale: null,
        });
      }
    }
    const inserted = await trx.insertInto("users").values(users).returning(["id", "email", "role"]).execute();
    const drivers = inserted
      .filter((u) => u.role === "driver")
      .map((u) => {
        const slug = u.email!.split(".").slice(1).join(".").replace("@pizza.example", "");
        return { user_id: u.id, home_store_id: storeIds.get(slug)!, vehicle: "scooter" as const };
      });
    await trx.insertInto("drivers").values(drivers).execute();

    await trx
      .insertInto("promo_codes")
      .values(
        data.demoPromos.map(({ store, ...p }) => ({ ...p, store_id: store ? storeIds.get(store)! : null })),
      )
      .execute();

    return { seeded: true, stores: storeIds.size, users: users.length };
  });
}
