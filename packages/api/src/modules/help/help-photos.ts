// A help request's photo: the customer's image (JPEG, PNG or WebP, at most 2 MB), decoded and re-encoded
// as a JPEG (infra/image-normalise.ts), so what is stored and shown carries no EXIF (location, camera,
// time) and is a real image. Kept in the blob store under `help/<customer>/<photo>.jpg`; the row in
// help_photos names it (blob_key). It arrives either straight from the client through a signed upload
// (help-photo-upload.ts: link → PUT → confirm) or as the body of POST /help/photos (help-photo-routes.ts).
// Rows written before the blob store hold their bytes in PostgreSQL (bytes) and are still served from
// there until the retention sweep removes them (help-photo-retention.ts). Read by its customer, or by
// staff of the store a request with this photo is about; anyone else: not found.
import { randomUUID } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { BlobStore } from "../../infra/blob-store.ts";
import { normaliseImage } from "../../infra/image-normalise.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** Photos one customer may upload per hour. */
export const PHOTOS_PER_HOUR = 10;

export interface HelpPhotoDeps {
  db: Kysely<Database>;
  limiter: RateLimiter;
  blobs: BlobStore;
}

/** Where one customer's help photos live in the blob store. */
export const helpPhotoFolder = (customerId: string) => `help/${customerId}/`;

/** Re-encodes an upload without its metadata (upright, at most 1600 px a side); 400 when it is not an image. */
export async function cleanPhoto(bytes: Buffer): Promise<Buffer> {
  return (
    await normaliseImage(bytes, { maxEdge: 1600, format: "jpeg", unreadable: msg("help.photoUnreadable") })
  ).bytes;
}

/** The type and size checks, and the hourly limit, before anything is stored or signed. */
export async function admitPhoto(
  limiter: RateLimiter,
  user: AuthUser,
  upload: { contentType: string; size: number },
): Promise<void> {
  if (!(PHOTO_TYPES as readonly string[]).includes(upload.contentType))
    throw badRequest(msg("help.photoType"));
  if (upload.size === 0) throw badRequest(msg("help.photoEmpty"));
  if (upload.size > PHOTO_MAX_BYTES)
    throw badRequest(msg("help.photoTooLarge", { mb: PHOTO_MAX_BYTES / 1024 / 1024 }));
  const hit = await limiter.hit(`help:photo:${user.id}`, PHOTOS_PER_HOUR, 3_600_000);
  if (!hit.allowed)
    throw tooManyRequests("You have sent several photos already; please wait a little.", hit.retryAfterMs);
}

/** Normalises `bytes`, puts the clean JPEG in the blob store and records it; the photo's id. */
export async function keepPhoto(deps: HelpPhotoDeps, user: AuthUser, bytes: Buffer): Promise<string> {
  const clean = await cleanPhoto(bytes);
  const key = `${helpPhotoFolder(user.id)}${randomUUID()}.jpg`;
  await deps.blobs.put(key, clean, "image/jpeg");
  const row = await deps.db
    .insertInto("help_photos")
    .values({ customer_id: user.id, content_type: "image/jpeg", blob_key: key, size: clean.length })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** POST /help/photos: the image as the request's body. */
export async function storePhoto(
  deps: HelpPhotoDeps,
  user: AuthUser,
  upload: { bytes: Buffer; contentType: string },
): Promise<{ photoId: string }> {
  await admitPhoto(deps.limiter, user, { contentType: upload.contentType, size: upload.bytes.length });
  return { photoId: await keepPhoto(deps, user, upload.bytes) };
}

export async function readPhoto(
  deps: Pick<HelpPhotoDeps, "db" | "blobs">,
  user: AuthUser,
  photoId: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const photo = await deps.db
    .selectFrom("help_photos")
    .select(["bytes", "blob_key", "content_type", "customer_id", "removed_at"])
    .where("id", "=", photoId)
    .executeTakeFirst();
  if (!photo) throw notFound(msg("help.photoNotFound"));
  if (photo.customer_id !== user.id) {
    const requests = await deps.db
      .selectFrom("help_requests")
      .select("store_id")
      .where("photo_id", "=", photoId)
      .execute();
    if (!requests.some((r) => actsForStore(user, r.store_id))) throw notFound(msg("help.photoNotFound"));
  }
  if (photo.removed_at) throw notFound(msg("help.photoRemoved"));
  // Rows from before the blob store keep their bytes in PostgreSQL.
  const bytes = photo.blob_key ? (await deps.blobs.get(photo.blob_key))?.bytes : photo.bytes;
  if (!bytes) throw notFound(msg("help.photoNotFound"));
  return { bytes, contentType: photo.content_type };
}
