import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, the rest of store operations:
// - regions: the managers' price-change percentage is now set by head office in the store console, so
//   its range is the console's (0–50 %, was 0–100 in the database) and who changed it last, and when, is kept.
// - stores: an optional network receipt printer (ESC/POS over raw TCP, "port 9100" printing) that the
//   server sends kitchen and delivery tickets to when a print is claimed or reprinted; set by the
//   store's manager or an admin. Null host = no network printer (the station's browser prints).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "update regions set manager_price_change_pct = 50 where manager_price_change_pct > 50",
    `alter table regions
       drop constraint if exists regions_manager_price_change_pct_check,
       add constraint regions_manager_price_change_pct_range check (manager_price_change_pct between 0 and 50),
       add column price_rule_updated_by uuid references users(id),
       add column price_rule_updated_at timestamptz`,
    `alter table stores
       add column ticket_printer_host text check (char_length(ticket_printer_host) between 1 and 253),
       add column ticket_printer_port integer not null default 9100
         check (ticket_printer_port between 9100 and 9109),
       add column ticket_printer_paper text not null default '80' check (ticket_printer_paper in ('80', '58'))`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table stores drop column if exists ticket_printer_host, drop column if exists ticket_printer_port,
       drop column if exists ticket_printer_paper`,
    `alter table regions drop constraint if exists regions_manager_price_change_pct_range,
       drop column if exists price_rule_updated_by, drop column if exists price_rule_updated_at`,
  ])
    await sql.raw(statement).execute(db);
}
