// The price in force at a moment (issue 22, scheduled prices): the region's list price (`prices`) unless
// a scheduled price for the same key has come due (`scheduled_prices`, the latest due one wins). Read at
// build time, so a scheduled price shows from its moment on without anyone or anything acting; the menu
// cache keeps a menu only until the region's next scheduled change (`nextChangeAt`, menu.service.ts).
import type { Database, Kysely, PriceEntity } from "@pizza/db";

export interface PriceRow {
  entity: PriceEntity;
  entity_id: string;
  variant: string;
  amount: number;
}

export interface PricesInForce {
  prices: PriceRow[];
  /** The next moment a scheduled price of the region comes due, if any. */
  nextChangeAt: Date | null;
}

const keyOf = (p: { entity: string; entity_id: string; variant: string }) =>
  `${p.entity}|${p.entity_id}|${p.variant}`;

/** Every price of a region in force at `at`, and when the next scheduled one starts. */
export async function pricesInForce(
  db: Kysely<Database>,
  regionCode: string,
  at: Date,
): Promise<PricesInForce> {
  const [list, scheduled] = await Promise.all([
    db
      .selectFrom("prices")
      .select(["entity", "entity_id", "variant", "amount"])
      .where("region_code", "=", regionCode)
      .orderBy("entity")
      .orderBy("entity_id")
      .orderBy("variant")
      .execute(),
    db
      .selectFrom("scheduled_prices")
      .select(["entity", "entity_id", "variant", "amount", "effective_at"])
      .where("region_code", "=", regionCode)
      .orderBy("effective_at")
      .execute(),
  ]);
  const due = new Map<string, number>();
  let nextChangeAt: Date | null = null;
  for (const s of scheduled) {
    const when = new Date(s.effective_at);
    if (when.getTime() <= at.getTime()) due.set(keyOf(s), s.amount);
    else if (!nextChangeAt || when < nextChangeAt) nextChangeAt = when;
  }
  const prices = list.map((p) => {
    const amount = due.get(keyOf(p));
    return amount === undefined ? p : { ...p, amount };
  });
  return { prices, nextChangeAt };
}

/** The scheduled prices of a region still to come, in order. */
export function upcomingPrices(db: Kysely<Database>, regionCode: string, at: Date) {
  return db
    .selectFrom("scheduled_prices")
    .select(["id", "entity", "entity_id", "variant", "amount", "effective_at"])
    .where("region_code", "=", regionCode)
    .where("effective_at", ">", at)
    .orderBy("effective_at")
    .execute();
}
