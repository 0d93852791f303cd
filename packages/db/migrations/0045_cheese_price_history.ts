import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, "changes are versioned (who, when, what)": a cheese level's region price
// (set now, scheduled or cancelled) is a change with its own history, like an item's, a topping's or a
// crust's; 0036 left cheese out of `menu_changes.entity`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `alter table menu_changes drop constraint menu_changes_entity_check,
         add constraint menu_changes_entity_check
           check (entity in ('item', 'topping', 'crust', 'sauce', 'cheese'))`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `delete from menu_changes where entity = 'cheese';
       alter table menu_changes drop constraint menu_changes_entity_check,
         add constraint menu_changes_entity_check check (entity in ('item', 'topping', 'crust', 'sauce'))`,
    )
    .execute(db);
}
