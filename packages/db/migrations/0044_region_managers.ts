import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, region managers: a staff account whose `staff_role` is 'region_manager'
// works for a region (`users.region_code`), not a store: it sets the region's managers' price-change
// percentage, sees every store's price deviations and the region's reports. One check keeps the two kinds
// of staff apart: a region manager has a region and no store; anyone else has no region, and store staff
// keep 0001's rule (a staff account has a store), which this check replaces.
const statements = [
  `alter table users
     drop constraint if exists users_staff_role_check,
     add constraint users_staff_role_check check (staff_role in ('manager', 'crew', 'region_manager')),
     add column region_code text references regions(code)`,
  // 0001's unnamed "staff have a store" check, found by what it says.
  `do $$
  declare c text;
  begin
    for c in
      select conname from pg_constraint
      where conrelid = 'users'::regclass and contype = 'c'
        and pg_get_constraintdef(oid) ~* 'role <> ''staff''.*store_id is not null'
        and pg_get_constraintdef(oid) !~* 'region_code'
    loop
      execute format('alter table users drop constraint %I', c);
    end loop;
  end $$`,
  `alter table users add constraint users_staff_scope_check check (
     case when staff_role = 'region_manager'
       then role = 'staff' and region_code is not null and store_id is null
       else region_code is null and (role <> 'staff' or store_id is not null)
     end)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "delete from users where staff_role = 'region_manager'",
    `alter table users drop constraint if exists users_staff_scope_check, drop column if exists region_code,
       drop constraint if exists users_staff_role_check,
       add constraint users_staff_role_check check (staff_role in ('manager', 'crew')),
       add check (role <> 'staff' or store_id is not null)`,
  ])
    await sql.raw(statement).execute(db);
}
