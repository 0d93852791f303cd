import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 16, finding 4: taxes per category, not one rate per region. Every menu item has
// a tax category; `tax_rates` holds a region's rate for a category where it differs from the region's
// `tax_rate_ppm` (the default for every category); the mode (included or added on top) stays the region's.
// A `delivery_fee` row with a null rate means "the fee follows the items": it is split over the items'
// rates in proportion to their amounts (docs/decisions.md). Orders keep the breakdown they were priced with
// (`tax_lines`: per rate, its net base and its tax); orders from before are backfilled with their one rate.
// Finding 5: kitchen capacity counts oven load (pizzas), not orders; a large order fills consecutive
// 15-minute slots, so each order keeps what it claimed (`kitchen_claims`) to give exactly that back on
// cancel. `kitchen_slots.orders` now counts pizzas (the column keeps its name); older orders have no
// claims and give back one unit in their ready slot, as before.
const statements = [
  `alter table menu_items add column tax_category text not null default 'food'
    check (tax_category in ('food', 'soft_drink', 'alcohol'))`,
  `update menu_items set tax_category = 'soft_drink' where kind = 'drink'`,
  `create table tax_rates (
    region_code text not null references regions(code),
    category text not null check (category in ('food', 'soft_drink', 'alcohol', 'delivery_fee')),
    rate_ppm integer check (rate_ppm between 0 and 1000000),
    primary key (region_code, category),
    check (rate_ppm is not null or category = 'delivery_fee')
  )`,
  `insert into tax_rates (region_code, category, rate_ppm)
    select code, 'soft_drink', 190000 from regions where code = 'de'
    union all select code, 'alcohol', 190000 from regions where code = 'de'
    union all select code, 'delivery_fee', null from regions where code = 'de'
    union all select code, 'alcohol', 100000 from regions where code = 'jp'
    union all select code, 'delivery_fee', 100000 from regions where code = 'jp'`,
  `alter table orders add column tax_lines jsonb not null default '[]'`,
  `update orders o set tax_lines = jsonb_build_array(jsonb_build_object(
      'ratePpm', r.tax_rate_ppm,
      'base', o.subtotal - o.discount + o.delivery_fee - case when o.tax_included then o.tax else 0 end,
      'tax', o.tax))
    from regions r where r.code = o.region_code and o.subtotal - o.discount + o.delivery_fee > 0`,
  `alter table orders add column kitchen_claims jsonb not null default '[]'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table orders drop column kitchen_claims").execute(db);
  await sql.raw("alter table orders drop column tax_lines").execute(db);
  await sql.raw("drop table tax_rates").execute(db);
  await sql.raw("alter table menu_items drop column tax_category").execute(db);
}
