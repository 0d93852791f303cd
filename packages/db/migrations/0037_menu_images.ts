import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, "item and promo images": one current image per menu item or promo
// banner. The pictures themselves are in the blob store under content-addressed keys (`variants`: one
// WebP per size the apps show, named by the SHA-256 of its bytes and its pixel size), so a URL never
// changes meaning and can be cached for a year. Alt text is required in English (the menu's fallback
// language) and may be given in German and Japanese; a menu in another locale falls back to English.
// No foreign key on subject_id: it names a menu item (text id) or a promo (uuid); the use case checks.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table menu_images (
       subject_kind text not null check (subject_kind in ('item', 'promo')),
       subject_id text not null,
       variants text[] not null check (cardinality(variants) >= 1),
       alt_en text not null check (char_length(alt_en) between 1 and 200),
       alt_de text check (char_length(alt_de) between 1 and 200),
       alt_ja text check (char_length(alt_ja) between 1 and 200),
       uploaded_by uuid references users(id) on delete set null,
       updated_at timestamptz not null default now(),
       primary key (subject_kind, subject_id)
     )`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists menu_images").execute(db);
}
