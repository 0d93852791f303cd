// The customer's signature at the door (issue 20, optional): drawn on the driver's phone, uploaded as a PNG
// through the photo's signed-upload flow (`photoUploadLink({ purpose: "signature" })`, queued offline like
// the photo), confirmed at `markDelivered` and stored under the delivery. It is kept as drawn: a canvas
// export carries no EXIF or location, and re-encoding would only lose its transparency; the bytes must be
// a PNG. The store and the order's customer see it like the photo.
import { badRequest } from "../../errors.ts";
import { confirmUpload } from "../../infra/blob-store.ts";
import type { DeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { signatureUploadPrefix } from "./delivery-photo.ts";
import type { TSignatureRef } from "./proof.schemas.ts";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Confirms the driver's upload of the signature; returns the key it is kept under. */
export async function storeSignature(
  rt: DeliveryRuntime,
  ctx: DeliveryContext,
  signature: TSignatureRef,
): Promise<string> {
  const prefix = signatureUploadPrefix(ctx.id);
  const rest = signature.key.startsWith(prefix) ? signature.key.slice(prefix.length) : "";
  if (!/^[0-9a-f-]{36}$/.test(rest))
    throw badRequest("That signature was not uploaded for this delivery; ask for it again.", {
      field: "signature",
    });
  await confirmUpload(rt.blobs, signature.key, signature);
  const raw = await rt.blobs.get(signature.key);
  if (!raw) throw badRequest("The signature has not arrived; ask for it again.", { field: "signature" });
  if (!PNG_MAGIC.every((b, i) => raw.bytes[i] === b))
    throw badRequest("The signature is not a PNG image; ask for it again.", { field: "signature" });
  const key = `deliveries/${ctx.id}/signature-${rest}.png`;
  await rt.blobs.put(key, raw.bytes, "image/png");
  return key;
}
