// The chain for the evening: the three always-open demo stores and clones of them (same place, same
// hours, same delivery zone), so orders spread over many kitchens as on a real night. Each kitchen's
// capacity is raised: a demo kitchen bakes 12 pizzas per 15-minute slot, a busy night needs far more
// per store than the demo chain has stores (the "kitchen is fully booked" refusal otherwise).
import { type Database, type Kysely, sql } from "@pizza/db";
import { NEAR } from "../../src/testing/builders.ts";

export interface PeakStore {
  id: string;
  slug: string;
  /** A point inside its delivery zone. */
  near: { lat: number; lng: number };
  /** Whether its region takes tips (Tokyo does not). */
  tips: boolean;
}

const TEMPLATES = Object.keys(NEAR) as (keyof typeof NEAR)[];
export const KITCHEN_CAPACITY = 1_000_000;

export async function peakStores(db: Kysely<Database>, count: number): Promise<PeakStore[]> {
  const templates = await db
    .selectFrom("stores")
    .selectAll()
    .where("slug", "in", TEMPLATES)
    .orderBy("slug")
    .execute();
  for (let i = 0; i < count - templates.length; i++) {
    const { id, slug, created_at, ...t } = templates[i % templates.length]!;
    const clone = await db
      .insertInto("stores")
      .values({ ...t, hours: JSON.stringify(t.hours), slug: `${slug}-peak-${i}`, name: `${t.name} (${i})` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`insert into store_delivery_cells (cell, store_id)
      select cell, ${clone.id} from store_delivery_cells where store_id = ${id}`.execute(db);
  }
  await db.updateTable("stores").set({ kitchen_capacity: KITCHEN_CAPACITY }).execute();
  const rows = await db
    .selectFrom("stores")
    .select(["id", "slug"])
    .where((eb) =>
      eb.or(TEMPLATES.map((s) => eb.or([eb("slug", "=", s), eb("slug", "like", `${s}-peak-%`)]))),
    )
    .orderBy("slug")
    .limit(count)
    .execute();
  return rows.map((row) => {
    const template = TEMPLATES.find((s) => row.slug.startsWith(s))!;
    return { id: row.id, slug: row.slug, near: NEAR[template], tips: template !== "tyo-shibuya" };
  });
}
