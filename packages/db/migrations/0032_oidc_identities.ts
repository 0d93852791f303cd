import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 21, "sign in with an identity provider (OpenID Connect)":
// - user_identities: an account's identities at OpenID providers (the provider's id from OIDC_PROVIDERS and
//   the ID token's `sub`), one user per (provider, subject), with the email the provider gave when it was linked.
// - oidc_sign_in_tickets: the one-time ticket the callback hands the app in the URL fragment; the app
//   exchanges it (auth.completeOidcSignIn) for the platform's own tokens, or for the sentence saying why
//   the sign-in was refused. Only its SHA-256 is stored; a minute to live, single use.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table user_identities (
       provider text not null,
       subject text not null,
       user_id uuid not null references users(id) on delete cascade,
       email_at_link text,
       created_at timestamptz not null default now(),
       primary key (provider, subject)
     )`,
    "create index user_identities_user on user_identities (user_id)",
    `create table oidc_sign_in_tickets (
       ticket_hash text primary key,
       user_id uuid references users(id) on delete cascade,
       error_key text,
       error_args jsonb,
       expires_at timestamptz not null,
       used_at timestamptz,
       created_at timestamptz not null default now(),
       constraint oidc_sign_in_tickets_one_outcome check ((user_id is null) <> (error_key is null))
     )`,
    "create index oidc_sign_in_tickets_expiry on oidc_sign_in_tickets (expires_at)",
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists oidc_sign_in_tickets").execute(db);
  await sql.raw("drop table if exists user_identities").execute(db);
}
