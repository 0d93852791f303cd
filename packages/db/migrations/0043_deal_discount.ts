import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, deals on orders:
// - deal_discount: an order's `discount` is the deals' savings, the loyalty reward's part and the promo
//   code's part together. The promo's part is its redemption's `discount` (now recorded alone, not the
//   whole discount); `deal_discount` keeps the deals' part, so the reports tell a deal's saving from a
//   reward's cost.
// - deals: the deals applied as priced at placement or the last edit ({id, name, times, price, saving}[],
//   the name in the language the order was placed in, like its lines' names), for the tracker and receipts.
// Orders placed before this carry 0 and []: deals were new and no order had one.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table orders
       add column deal_discount integer not null default 0,
       add column deals jsonb not null default '[]',
       add constraint orders_deal_discount check (deal_discount between 0 and discount)`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      "alter table orders drop constraint orders_deal_discount, drop column deal_discount, drop column deals",
    )
    .execute(db);
}
