// The admin's reward catalogue per region (issue 21): list every reward (withdrawn ones too), create one,
// edit its names, points, kind and whether it is offered. A free item must be priced on the region's menu;
// each refusal names its field. The customer's cart reads the same rows (rewards.ts), so a change shows
// in the next `loyalty.rewards` and quote at once; an order that already holds a reward keeps it as bought.
import type { Database, Kysely } from "@pizza/db";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import { regionListPrice } from "../menu/region-prices.ts";
import type { TCatalogueReward, TCreateReward, TUpdateReward } from "./reward-catalogue.schemas.ts";

type Names = { en?: string; de?: string; ja?: string };

const COLUMNS = [
  "id",
  "region_code",
  "name",
  "names",
  "points",
  "kind",
  "item_id",
  "variant",
  "amount",
  "active",
  "updated_at",
] as const;

function viewOf(r: {
  id: string;
  region_code: string;
  name: string;
  names: unknown;
  points: number;
  kind: string;
  item_id: string | null;
  variant: string | null;
  amount: number | null;
  active: boolean;
  updated_at: Date | string;
}): TCatalogueReward {
  const names = (r.names ?? {}) as Names;
  return {
    id: r.id,
    regionCode: r.region_code,
    nameEn: r.name,
    nameDe: names.de ?? null,
    nameJa: names.ja ?? null,
    points: r.points,
    kind: r.kind as TCatalogueReward["kind"],
    itemId: r.item_id,
    variant: r.variant,
    amount: r.amount,
    active: r.active,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Every reward of the region, in the cart's order (withdrawn ones last). */
export async function regionCatalogue(db: Kysely<Database>, regionCode: string): Promise<TCatalogueReward[]> {
  await assertRegion(db, regionCode);
  const rows = await db
    .selectFrom("loyalty_rewards")
    .select(COLUMNS)
    .where("region_code", "=", regionCode)
    .orderBy("active", "desc")
    .orderBy("sort")
    .orderBy("points")
    .execute();
  return rows.map(viewOf);
}

export async function createReward(db: Kysely<Database>, input: TCreateReward): Promise<TCatalogueReward> {
  await assertRegion(db, input.regionCode);
  await assertPricedItem(db, input.regionCode, input);
  const last = await db
    .selectFrom("loyalty_rewards")
    .select((eb) => eb.fn.max("sort").as("sort"))
    .where("region_code", "=", input.regionCode)
    .executeTakeFirst();
  try {
    const row = await db
      .insertInto("loyalty_rewards")
      .values({
        id: input.id,
        region_code: input.regionCode,
        sort: (last?.sort ?? 0) + 1,
        ...columnsOf(input),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return viewOf(row);
  } catch (error) {
    if (isUniqueViolation(error, "loyalty_rewards_pkey"))
      throw conflict(`There is already a reward with the id ${input.id}; choose another.`, { field: "id" });
    throw error;
  }
}

export async function updateReward(db: Kysely<Database>, input: TUpdateReward): Promise<TCatalogueReward> {
  const current = await db
    .selectFrom("loyalty_rewards")
    .select("region_code")
    .where("id", "=", input.id)
    .executeTakeFirst();
  if (!current) throw notFound("There is no such reward.");
  await assertPricedItem(db, current.region_code, input);
  const row = await db
    .updateTable("loyalty_rewards")
    .set({ ...columnsOf(input), updated_at: new Date() })
    .where("id", "=", input.id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return viewOf(row);
}

/** The row's columns from the form: only what the kind uses, names beside English in `names`. */
function columnsOf(input: TCreateReward | TUpdateReward) {
  const names: Names = {};
  if (input.nameDe) names.de = input.nameDe;
  if (input.nameJa) names.ja = input.nameJa;
  return {
    name: input.nameEn,
    names: JSON.stringify(names),
    points: input.points,
    kind: input.kind,
    item_id: input.kind === "free_item" ? (input.itemId ?? null) : null,
    variant: input.kind === "free_item" ? (input.variant ?? null) : null,
    amount: input.kind === "amount_off" ? (input.amount ?? null) : null,
    active: input.active,
  };
}

/** Loyalty runs in the regions that have an earning rule (`loyalty_rules`); another is not found. */
async function assertRegion(db: Kysely<Database>, regionCode: string): Promise<void> {
  const rule = await db
    .selectFrom("loyalty_rules")
    .select("region_code")
    .where("region_code", "=", regionCode)
    .executeTakeFirst();
  if (!rule) throw notFound(`There is no loyalty programme in region ${regionCode}.`);
}

/** A free item must have a price in the region (else no store of it could give it). */
async function assertPricedItem(
  db: Kysely<Database>,
  regionCode: string,
  input: { kind: string; itemId?: string | undefined; variant?: string | undefined },
): Promise<void> {
  if (input.kind !== "free_item" || !input.itemId || !input.variant) return;
  const key = { regionCode, entity: "item" as const, entityId: input.itemId, variant: input.variant };
  if ((await regionListPrice(db, key)) === undefined)
    throw badRequest(
      `There is no ${input.itemId} in size ${input.variant} on the ${regionCode} menu; choose an item from the list.`,
      { field: "itemId" },
    );
}
