import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, "kitchen tickets that print once": every ticket printed from the store
// console is a row here, asked for before the browser prints. An automatic print is a claim on
// (order, order version, kind): the partial unique index lets exactly one station win it, across
// reloads, tabs and stations; a reprint is an explicit row of its own (reprint = true), never unique.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table ticket_prints (
       id uuid primary key default gen_random_uuid(),
       order_id uuid not null,
       region_code text not null,
       order_version integer not null check (order_version >= 1),
       kind text not null check (kind in ('kitchen', 'delivery')),
       printed_by uuid not null references users(id),
       printed_at timestamptz not null default now(),
       reprint boolean not null default false,
       foreign key (order_id, region_code) references orders(id, region_code) on delete cascade
     )`,
    `create unique index ticket_prints_once on ticket_prints (order_id, order_version, kind) where not reprint`,
    "create index ticket_prints_order on ticket_prints (order_id, printed_at)",
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists ticket_prints").execute(db);
}
