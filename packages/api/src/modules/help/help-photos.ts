// A help request's photo: taken as the customer's upload (JPEG, PNG or WebP, at most 2 MB), decoded and
// re-encoded as a JPEG (infra/image-normalise.ts), so what is stored and shown carries no EXIF (location,
// camera, time) and is a real image. Stored in PostgreSQL (help_photos.bytes), not yet in the BlobStore. Read by its
// customer, or by staff of the store a request with this photo is about; anyone else: not found.
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { normaliseImage } from "../../infra/image-normalise.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** Photos one customer may upload per hour. */
export const PHOTOS_PER_HOUR = 10;

/** Re-encodes an upload without its metadata (upright, at most 1600 px a side); 400 when it is not an image. */
export async function cleanPhoto(bytes: Buffer): Promise<Buffer> {
  return (
    await normaliseImage(bytes, { maxEdge: 1600, format: "jpeg", unreadable: msg("help.photoUnreadable") })
  ).bytes;
}

export async function storePhoto(
  db: Kysely<Database>,
  limiter: RateLimiter,
  user: AuthUser,
  upload: { bytes: Buffer; contentType: string },
): Promise<{ photoId: string }> {
  if (!(PHOTO_TYPES as readonly string[]).includes(upload.contentType))
    throw badRequest(msg("help.photoType"));
  if (upload.bytes.length === 0) throw badRequest(msg("help.photoEmpty"));
  if (upload.bytes.length > PHOTO_MAX_BYTES)
    throw badRequest(msg("help.photoTooLarge", { mb: PHOTO_MAX_BYTES / 1024 / 1024 }));
  const hit = await limiter.hit(`help:photo:${user.id}`, PHOTOS_PER_HOUR, 3_600_000);
  if (!hit.allowed)
    throw tooManyRequests("You have sent several photos already; please wait a little.", hit.retryAfterMs);
  const clean = await cleanPhoto(upload.bytes);
  const row = await db
    .insertInto("help_photos")
    .values({ customer_id: user.id, content_type: "image/jpeg", bytes: clean, size: clean.length })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { photoId: row.id };
}

export async function readPhoto(
  db: Kysely<Database>,
  user: AuthUser,
  photoId: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const photo = await db
    .selectFrom("help_photos")
    .select(["bytes", "content_type", "customer_id"])
    .where("id", "=", photoId)
    .executeTakeFirst();
  if (!photo?.bytes) throw notFound(msg("help.photoNotFound"));
  if (photo.customer_id !== user.id) {
    const requests = await db
      .selectFrom("help_requests")
      .select("store_id")
      .where("photo_id", "=", photoId)
      .execute();
    if (!requests.some((r) => actsForStore(user, r.store_id))) throw notFound(msg("help.photoNotFound"));
  }
  return { bytes: photo.bytes, contentType: photo.content_type };
}
