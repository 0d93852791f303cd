// The admin's deals per region (issue 22): list every deal (ended and withdrawn ones too), create one, edit
// it (its slots are replaced as a whole), deactivate it. Each refusal names its field; a slot must match
// an item the region prices, so no deal asks for what no store can sell. After each change commits, the
// region's menus are invalidated (a new generation in the shared cache): every node's next menu, quote
// and order sees the change at once.
import type { Database, Kysely, MenuKind, Transaction } from "@pizza/db";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { regionCurrency } from "../stores/region-currency.ts";
import type { TAdminDeal, TCreateDeal, TUpdateDeal } from "./deal-admin.schemas.ts";

type Names = { de?: string; ja?: string };
type Slot = TCreateDeal["slots"][number];

const COLUMNS = [
  "id",
  "region_code",
  "name",
  "names",
  "price",
  "starts_at",
  "ends_at",
  "active",
  "updated_at",
] as const;

export interface DealAdminDeps {
  db: Kysely<Database>;
  /** Called after a change committed: the region's menus are rebuilt on their next read. */
  invalidateRegion(regionCode: string): Promise<void>;
}

export class DealAdmin {
  constructor(private readonly deps: DealAdminDeps) {}

  /** Every deal of the region, offered ones first, in the menu's order. */
  async list(regionCode: string): Promise<TAdminDeal[]> {
    const region = await this.region(regionCode);
    const deals = await this.deps.db
      .selectFrom("deals")
      .select(COLUMNS)
      .where("region_code", "=", regionCode)
      .orderBy("active", "desc")
      .orderBy("sort")
      .orderBy("id")
      .execute();
    const slots = deals.length
      ? await this.deps.db
          .selectFrom("deal_slots")
          .selectAll()
          .where(
            "deal_id",
            "in",
            deals.map((d) => d.id),
          )
          .orderBy("position")
          .execute()
      : [];
    return deals.map((d) =>
      viewOf(
        d,
        region,
        slots.filter((s) => s.deal_id === d.id),
      ),
    );
  }

  async create(admin: AuthUser, input: TCreateDeal): Promise<TAdminDeal> {
    await this.region(input.regionCode);
    await this.assertSlotsSell(input.regionCode, input.slots);
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("deals")
          .select((eb) => eb.fn.max("sort").as("sort"))
          .where("region_code", "=", input.regionCode)
          .executeTakeFirst();
        await trx
          .insertInto("deals")
          .values({
            id: input.id,
            region_code: input.regionCode,
            sort: (last?.sort ?? 0) + 1,
            ...columnsOf(admin, input),
          })
          .execute();
        await writeSlots(trx, input.id, input.slots);
      });
    } catch (error) {
      if (isUniqueViolation(error, "deals_pkey"))
        throw conflict(`There is already a deal with the id ${input.id}; choose another.`, { field: "id" });
      throw error;
    }
    return this.afterChange(input.regionCode, input.id);
  }

  async update(admin: AuthUser, input: TUpdateDeal): Promise<TAdminDeal> {
    const regionCode = await this.regionOf(input.id);
    await this.assertSlotsSell(regionCode, input.slots);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable("deals").set(columnsOf(admin, input)).where("id", "=", input.id).execute();
      await trx.deleteFrom("deal_slots").where("deal_id", "=", input.id).execute();
      await writeSlots(trx, input.id, input.slots);
    });
    return this.afterChange(regionCode, input.id);
  }

  /** Stops offering the deal (kept for the record; an edit can offer it again). */
  async deactivate(admin: AuthUser, id: string): Promise<TAdminDeal> {
    const regionCode = await this.regionOf(id);
    await this.deps.db
      .updateTable("deals")
      .set({ active: false, updated_at: new Date(), updated_by: admin.id })
      .where("id", "=", id)
      .execute();
    return this.afterChange(regionCode, id);
  }

  private async afterChange(regionCode: string, id: string): Promise<TAdminDeal> {
    await this.deps.invalidateRegion(regionCode);
    return (await this.list(regionCode)).find((d) => d.id === id)!;
  }

  private async region(regionCode: string) {
    const region = await regionCurrency(this.deps.db, regionCode);
    if (!region) throw notFound(`There is no region ${regionCode}.`);
    return region;
  }

  private async regionOf(id: string): Promise<string> {
    const row = await this.deps.db
      .selectFrom("deals")
      .select("region_code")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound("There is no such deal.");
    return row.region_code;
  }

  /** Each slot must match at least one item the region prices (of its kind, size and item when given). */
  private async assertSlotsSell(regionCode: string, slots: readonly Slot[]): Promise<void> {
    for (const [i, slot] of slots.entries()) {
      let q = this.deps.db
        .selectFrom("prices")
        .innerJoin("menu_items", "menu_items.id", "prices.entity_id")
        .select("prices.entity_id")
        .where("prices.region_code", "=", regionCode)
        .where("prices.entity", "=", "item")
        .where("menu_items.kind", "=", slot.kind)
        .where("menu_items.active", "=", true);
      if (slot.itemId) q = q.where("prices.entity_id", "=", slot.itemId);
      if (slot.variant) q = q.where("prices.variant", "=", slot.variant);
      if (await q.limit(1).executeTakeFirst()) continue;
      const what = [slot.variant, slot.itemId ?? slot.kind].filter(Boolean).join(" ");
      throw badRequest(
        `Slot ${i + 1}: the ${regionCode} menu has no ${what} of kind ${slot.kind}; choose an item and size it sells.`,
        { field: `slots.${i}` },
      );
    }
  }
}

/** The row's columns from the form: English in `name`, the other languages in `names`. */
function columnsOf(admin: AuthUser, input: TCreateDeal | TUpdateDeal) {
  const names: Names = {};
  if (input.nameDe) names.de = input.nameDe;
  if (input.nameJa) names.ja = input.nameJa;
  return {
    name: input.nameEn,
    names: JSON.stringify(names),
    price: input.price,
    starts_at: input.startsAt ? new Date(input.startsAt) : null,
    ends_at: input.endsAt ? new Date(input.endsAt) : null,
    active: input.active,
    updated_at: new Date(),
    updated_by: admin.id,
  };
}

async function writeSlots(trx: Transaction<Database>, dealId: string, slots: readonly Slot[]) {
  await trx
    .insertInto("deal_slots")
    .values(
      slots.map((s, position) => ({
        deal_id: dealId,
        position,
        kind: s.kind,
        variant: s.variant || null,
        item_id: s.itemId || null,
        quantity: s.quantity,
      })),
    )
    .execute();
}

function viewOf(
  d: {
    id: string;
    region_code: string;
    name: string;
    names: unknown;
    price: number;
    starts_at: Date | string | null;
    ends_at: Date | string | null;
    active: boolean;
    updated_at: Date | string;
  },
  region: { currency: string; currencyDigits: number },
  slots: { kind: MenuKind; variant: string | null; item_id: string | null; quantity: number }[],
): TAdminDeal {
  const names = (d.names ?? {}) as Names;
  const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());
  return {
    id: d.id,
    regionCode: d.region_code,
    currency: region.currency,
    currencyDigits: region.currencyDigits,
    nameEn: d.name,
    nameDe: names.de ?? null,
    nameJa: names.ja ?? null,
    price: d.price,
    slots: slots.map((s) => ({ kind: s.kind, variant: s.variant, itemId: s.item_id, quantity: s.quantity })),
    startsAt: iso(d.starts_at),
    endsAt: iso(d.ends_at),
    active: d.active,
    updatedAt: new Date(d.updated_at).toISOString(),
  };
}
