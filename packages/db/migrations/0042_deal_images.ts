import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, deals "shown on the menu with their images": a deal may have one
// current picture like a menu item (a 4:3 card), so `menu_images` takes the subject kind 'deal'
// (subject_id is then a deal's text id; the use case checks it exists, as for items and promos).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "alter table menu_images drop constraint if exists menu_images_subject_kind_check",
    `alter table menu_images add constraint menu_images_subject_kind_check
       check (subject_kind in ('item', 'promo', 'deal'))`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("delete from menu_images where subject_kind = 'deal'").execute(db);
  await sql
    .raw("alter table menu_images drop constraint if exists menu_images_subject_kind_check")
    .execute(db);
  await sql
    .raw(
      "alter table menu_images add constraint menu_images_subject_kind_check check (subject_kind in ('item', 'promo'))",
    )
    .execute(db);
}
