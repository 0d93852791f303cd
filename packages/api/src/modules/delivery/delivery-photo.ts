// The delivery photo (issue 20): the driver of a delivery gets a signed upload link from the blob store
// (JPEG, PNG or WebP, at most 8 MB, for a few minutes) and uploads directly; `markDelivered` names the
// upload, which is confirmed (there, with the announced type and size), normalised (decoded, shrunk,
// re-encoded as JPEG without EXIF: no GPS location, camera or time) and stored under the delivery. The
// raw upload is removed only after the delivery is recorded, so a refused attempt (too far, no cash)
// can be retried with the same photo. The store and the order's customer get short-lived download links.
// The customer's signature (a PNG drawn on the driver's phone) comes through the same link (`purpose`).
import { randomUUID } from "node:crypto";
import { badRequest, notFound, preconditionFailed } from "../../errors.ts";
import { confirmUpload } from "../../infra/blob-store.ts";
import { normaliseImage } from "../../infra/image-normalise.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { DeliveryContext } from "./delivery-context.ts";
import { loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import {
  MAX_PHOTO_BYTES,
  MAX_SIGNATURE_BYTES,
  type TPhotoRef,
  type TPhotoUploadLink,
  type TPhotoUploadLinkRequest,
} from "./proof.schemas.ts";

const UPLOAD_SECONDS = 15 * 60;
/** How long a download link to a delivery photo lasts. */
export const PHOTO_LINK_SECONDS = 5 * 60;

const uploadPrefix = (deliveryId: string) => `deliveries/${deliveryId}/upload-`;
/** Where a signature is uploaded (delivery-signature.ts). */
export const signatureUploadPrefix = (deliveryId: string) => `deliveries/${deliveryId}/sig-upload-`;

export async function photoUploadLink(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TPhotoUploadLinkRequest,
): Promise<TPhotoUploadLink> {
  const ctx = await loadDeliveryContext(rt.db, input.deliveryId);
  // Someone else's delivery, or none: not found.
  if (!ctx || ctx.driverId !== user.id) throw notFound("We could not find that delivery.");
  if (ctx.status !== "assigned" && ctx.status !== "picked_up")
    throw preconditionFailed("This delivery is finished; its photo can no longer be changed.", {
      reason: "invalid_delivery_status",
      status: ctx.status,
    });
  const signature = input.purpose === "signature";
  if (signature && input.contentType !== "image/png")
    throw badRequest("A signature must be a PNG image.", { field: "contentType" });
  if (signature && input.size > MAX_SIGNATURE_BYTES)
    throw badRequest("A signature can be at most 512 KB.", { field: "size" });
  const key = `${signature ? signatureUploadPrefix(ctx.id) : uploadPrefix(ctx.id)}${randomUUID()}`;
  const signed = await rt.blobs.signUpload(key, {
    contentType: input.contentType,
    size: input.size,
    maxBytes: signature ? MAX_SIGNATURE_BYTES : MAX_PHOTO_BYTES,
    expiresInSeconds: UPLOAD_SECONDS,
  });
  return { key, ...signed, expiresAt: signed.expiresAt.toISOString() };
}

/** Confirms and normalises the driver's upload; returns the key of the stored photo. */
export async function storeDeliveryPhoto(
  rt: DeliveryRuntime,
  ctx: DeliveryContext,
  photo: TPhotoRef,
): Promise<string> {
  const rest = photo.key.startsWith(uploadPrefix(ctx.id)) ? photo.key.slice(uploadPrefix(ctx.id).length) : "";
  if (!/^[0-9a-f-]{36}$/.test(rest))
    throw badRequest("That photo was not uploaded for this delivery; take it again.", { field: "photo" });
  await confirmUpload(rt.blobs, photo.key, photo);
  const raw = await rt.blobs.get(photo.key);
  if (!raw) throw badRequest("The photo has not arrived; take it again.", { field: "photo" });
  const image = await normaliseImage(raw.bytes, {
    unreadable: "The delivery photo is not an image we can read; take it again.",
  });
  const key = `deliveries/${ctx.id}/photo-${rest}.jpg`;
  await rt.blobs.put(key, image.bytes, image.contentType);
  return key;
}

/** After the delivery is recorded: the raw upload (with its EXIF) is not kept. */
export async function discardUpload(rt: DeliveryRuntime, photo: { key: string } | undefined): Promise<void> {
  if (!photo) return;
  await rt.blobs.delete(photo.key).catch((error: unknown) => {
    rt.log.warn({ err: error, key: photo.key }, "could not remove a raw delivery photo upload");
  });
}

export async function photoDownloadUrl(rt: DeliveryRuntime, key: string | null): Promise<string | null> {
  return key ? rt.blobs.signDownload(key, { expiresInSeconds: PHOTO_LINK_SECONDS }) : null;
}
