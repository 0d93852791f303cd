import { type Kysely, sql } from "kysely";

// Frozen once landed. Guest checkout (issue 7): a customer account without a password or a sign-in
// identity. Its email/phone stay NULL (they are unique sign-in identities that a guest must not claim);
// where to send receipts lives in contact_email / contact_phone, which are not unique (the same person
// may check out as a guest many times, and a guest may give the email of an existing account without
// ever reaching it).
const statements = [
  `alter table users
    add column is_guest boolean not null default false,
    add column contact_email text check (contact_email = lower(contact_email)),
    add column contact_phone text check (contact_phone ~ '^\\+[1-9][0-9]{6,14}$')`,
  // 0001's unnamed "email or phone" check is replaced by one that also admits a guest with a contact.
  `do $$
  declare c text;
  begin
    for c in
      select conname from pg_constraint
      where conrelid = 'users'::regclass and contype = 'c'
        and pg_get_constraintdef(oid) ~* 'email is not null.*or.*phone is not null'
        and pg_get_constraintdef(oid) !~* 'is_guest'
    loop
      execute format('alter table users drop constraint %I', c);
    end loop;
  end $$`,
  `alter table users add constraint users_identity_check check (
    email is not null or phone is not null
    or (is_guest and (contact_email is not null or contact_phone is not null))
  )`,
  `alter table users add constraint users_guest_role_check check (not is_guest or role = 'customer')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("delete from users where is_guest").execute(db);
  await sql.raw("alter table users drop constraint users_guest_role_check").execute(db);
  await sql.raw("alter table users drop constraint users_identity_check").execute(db);
  await sql
    .raw("alter table users add constraint users_check check (email is not null or phone is not null)")
    .execute(db);
  await sql
    .raw("alter table users drop column contact_phone, drop column contact_email, drop column is_guest")
    .execute(db);
}
