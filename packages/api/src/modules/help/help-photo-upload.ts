// A help photo straight from the customer's device to the blob store, as delivery photos go
// (delivery/delivery-photo.ts): `help.photoUploadLink` checks type, size and the hourly limit and signs
// an upload (15 minutes) under the customer's folder; the client PUTs the bytes; `help.confirmPhoto`
// checks they arrived as announced, normalises them (no EXIF, ≤ 1600 px, JPEG), keeps the clean copy and
// deletes the raw upload. Answers the photoId `help.file` takes.
import { randomUUID } from "node:crypto";
import { badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { confirmUpload } from "../../infra/blob-store.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { THelpPhotoRef, THelpPhotoUploadLink, THelpPhotoUploadRequest } from "./help.schemas.ts";
import {
  admitPhoto,
  type HelpPhotoDeps,
  helpPhotoFolder,
  keepPhoto,
  PHOTO_MAX_BYTES,
} from "./help-photos.ts";

const UPLOAD_SECONDS = 15 * 60;
const uploadPrefix = (customerId: string) => `${helpPhotoFolder(customerId)}upload-`;

export async function helpPhotoUploadLink(
  deps: HelpPhotoDeps,
  user: AuthUser,
  input: THelpPhotoUploadRequest,
): Promise<THelpPhotoUploadLink> {
  await admitPhoto(deps.limiter, user, input);
  const key = `${uploadPrefix(user.id)}${randomUUID()}`;
  const signed = await deps.blobs.signUpload(key, {
    contentType: input.contentType,
    size: input.size,
    maxBytes: PHOTO_MAX_BYTES,
    expiresInSeconds: UPLOAD_SECONDS,
  });
  return { key, ...signed, expiresAt: signed.expiresAt.toISOString() };
}

export async function confirmHelpPhoto(
  deps: HelpPhotoDeps,
  user: AuthUser,
  input: THelpPhotoRef,
): Promise<{ photoId: string }> {
  const rest = input.key.startsWith(uploadPrefix(user.id))
    ? input.key.slice(uploadPrefix(user.id).length)
    : "";
  // Someone else's upload, or a made-up key: the same answer as one that never arrived.
  if (!/^[0-9a-f-]{36}$/.test(rest)) throw badRequest(msg("help.photoGone"), { field: "key" });
  await confirmUpload(deps.blobs, input.key, input);
  const raw = await deps.blobs.get(input.key);
  if (!raw) throw badRequest(msg("help.photoGone"), { field: "key" });
  const photoId = await keepPhoto(deps, user, raw.bytes);
  await deps.blobs.delete(input.key);
  return { photoId };
}
