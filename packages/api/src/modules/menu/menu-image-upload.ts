// An admin gives a menu item, a deal or a promo banner its picture (issue 22), the way delivery and help photos
// are uploaded (help/help-photo-upload.ts): `menuImage.uploadLink` checks the subject, the alt text, the
// type, the size and the hourly limit, and signs an upload (15 minutes) under the admin's folder; the
// client PUTs the bytes; `menuImage.save` checks they arrived as announced, renders the sizes the apps
// show (menu-image-render.ts), stores them under content-addressed names, records the row with its alt
// text, deletes the raw upload and the pictures nothing names any more, and refreshes the menus.
import { randomUUID } from "node:crypto";
import { type Database, type Kysely, sql } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import { type BlobStore, confirmUpload } from "../../infra/blob-store.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { publicPromo } from "../promos/banner-promos.ts";
import type { MenuService } from "./menu.service.ts";
import { renderVariants } from "./menu-image-render.ts";
import type { TImageSubject, TMenuImageSave, TMenuImageUploadRequest } from "./menu-images.schemas.ts";
import {
  IMAGE_FOLDER,
  IMAGE_MAX_BYTES,
  IMAGE_TYPES,
  IMAGE_UPLOADS_PER_HOUR,
  imageView,
  type MenuImage,
  uploadFolder,
} from "./menu-images.ts";

export interface MenuImageDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  limiter: RateLimiter;
  menus: MenuService;
}

const UPLOAD_SECONDS = 15 * 60;

/** The subject must exist: an item of the catalogue, a deal, or a promo anyone may use (not a credit). */
export async function checkSubject(db: Kysely<Database>, subject: TImageSubject): Promise<void> {
  const found =
    subject.kind === "item"
      ? await db.selectFrom("menu_items").select("id").where("id", "=", subject.id).executeTakeFirst()
      : subject.kind === "deal"
        ? await db.selectFrom("deals").select("id").where("id", "=", subject.id).executeTakeFirst()
        : await publicPromo(db, subject.id);
  if (!found)
    throw notFound(
      subject.kind === "item"
        ? `There is no menu item "${subject.id}".`
        : subject.kind === "deal"
          ? `There is no deal "${subject.id}".`
          : "There is no such promo (a customer's own credit cannot have a banner).",
    );
}

/** Item and deal pictures are part of the cached menus (promo banners are read live): refresh them. */
const shownInMenus = (subject: TImageSubject) => subject.kind === "item" || subject.kind === "deal";

export async function menuImageUploadLink(
  deps: MenuImageDeps,
  user: AuthUser,
  input: TMenuImageUploadRequest,
) {
  if (!(IMAGE_TYPES as readonly string[]).includes(input.contentType))
    throw badRequest("Send the picture as a JPEG, PNG or WebP image.", { field: "file" });
  if (input.size > IMAGE_MAX_BYTES)
    throw badRequest(
      `That file is ${(input.size / 1024 / 1024).toFixed(1)} MB; a picture may be at most ${IMAGE_MAX_BYTES / 1024 / 1024} MB.`,
      { field: "file" },
    );
  await checkSubject(deps.db, input.subject);
  const hit = await deps.limiter.hit(`menu-image:${user.id}`, IMAGE_UPLOADS_PER_HOUR, 3_600_000);
  if (!hit.allowed)
    throw tooManyRequests(
      `You have uploaded ${IMAGE_UPLOADS_PER_HOUR} pictures this hour; please wait.`,
      hit.retryAfterMs,
    );
  const key = `${uploadFolder(user.id)}${randomUUID()}`;
  const signed = await deps.blobs.signUpload(key, {
    contentType: input.contentType,
    size: input.size,
    maxBytes: IMAGE_MAX_BYTES,
    expiresInSeconds: UPLOAD_SECONDS,
  });
  return { key, ...signed, expiresAt: signed.expiresAt.toISOString() };
}

export async function saveMenuImage(
  deps: MenuImageDeps,
  user: AuthUser,
  input: TMenuImageSave,
): Promise<{ image: MenuImage }> {
  const rest = input.key.startsWith(uploadFolder(user.id))
    ? input.key.slice(uploadFolder(user.id).length)
    : "";
  // Someone else's upload, or a made-up key: the same answer as one that never arrived.
  if (!/^[0-9a-f-]{36}$/.test(rest))
    throw badRequest("The upload has not arrived; send the file again.", { field: "key" });
  await checkSubject(deps.db, input.subject);
  await confirmUpload(deps.blobs, input.key, input);
  const raw = await deps.blobs.get(input.key);
  if (!raw) throw badRequest("The upload has not arrived; send the file again.", { field: "key" });
  let variants: Awaited<ReturnType<typeof renderVariants>>;
  try {
    variants = await renderVariants(raw.bytes, input.subject.kind);
  } finally {
    await deps.blobs.delete(input.key);
  }
  for (const v of variants) await deps.blobs.put(`${IMAGE_FOLDER}${v.name}`, v.bytes, "image/webp");
  const row = {
    variants: variants.map((v) => v.name),
    alt_en: input.alt.en,
    alt_de: input.alt.de ?? null,
    alt_ja: input.alt.ja ?? null,
  };
  const previous = await replaceRow(deps.db, input.subject, row, user.id);
  await deleteUnused(deps, previous);
  if (shownInMenus(input.subject)) await deps.menus.invalidateRegion();
  return { image: imageView(row, "en")! };
}

/** Upserts the subject's row; the names the previous picture had. */
async function replaceRow(
  db: Kysely<Database>,
  subject: TImageSubject,
  row: { variants: string[]; alt_en: string; alt_de: string | null; alt_ja: string | null },
  userId: string,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    // One save per subject at a time (a row lock cannot hold a row that does not exist yet): the second
    // of two concurrent saves sees the first's picture as the one it replaces, so its files are removed.
    await sql`select pg_advisory_xact_lock(hashtext(${`menu-image:${subject.kind}:${subject.id}`}))`.execute(
      trx,
    );
    const before = await trx
      .selectFrom("menu_images")
      .select("variants")
      .where("subject_kind", "=", subject.kind)
      .where("subject_id", "=", subject.id)
      .executeTakeFirst();
    await trx
      .insertInto("menu_images")
      .values({ subject_kind: subject.kind, subject_id: subject.id, ...row, uploaded_by: userId })
      .onConflict((oc) =>
        oc
          .columns(["subject_kind", "subject_id"])
          .doUpdateSet({ ...row, uploaded_by: userId, updated_at: new Date() }),
      )
      .execute();
    return before?.variants ?? [];
  });
}

/** Deletes pictures no row names any more (two subjects may share one: names are content hashes). */
async function deleteUnused(deps: Pick<MenuImageDeps, "db" | "blobs">, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const rows = await deps.db.selectFrom("menu_images").select("variants").execute();
  const used = new Set(rows.flatMap((r) => r.variants));
  for (const name of names) if (!used.has(name)) await deps.blobs.delete(`${IMAGE_FOLDER}${name}`);
}

/** Takes the picture off an item, deal or promo (its files go when nothing else names them). */
export async function removeMenuImage(
  deps: MenuImageDeps,
  subject: TImageSubject,
): Promise<{ removed: boolean }> {
  const gone = await deps.db
    .deleteFrom("menu_images")
    .where("subject_kind", "=", subject.kind)
    .where("subject_id", "=", subject.id)
    .returning("variants")
    .executeTakeFirst();
  if (!gone) return { removed: false };
  await deleteUnused(deps, gone.variants);
  if (shownInMenus(subject)) await deps.menus.invalidateRegion();
  return { removed: true };
}
