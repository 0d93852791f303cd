import type { AppRouter } from "@pizza/api/router";
import type { TRPCClient } from "@trpc/client";
import type { PhotoRef } from "./queue.ts";

/** The blob store refused the photo's bytes (4xx): sending it again would not help. */
export class PhotoRefused extends Error {}

/**
 * Uploads a drop-off photo (or, with `purpose: "signature"`, the customer's signature as a PNG) straight
 * to the blob store through a signed link from the API, and returns what `markDelivered({ photo })` (or
 * `{ signature }`) needs. A network failure throws a TypeError (the outbox retries later);
 * a refusal throws PhotoRefused with the server's sentence.
 */
export async function uploadPhoto(
  client: TRPCClient<AppRouter>,
  deliveryId: string,
  photo: Blob,
  purpose: "photo" | "signature" = "photo",
): Promise<PhotoRef> {
  const contentType = photo.type as PhotoRef["contentType"];
  const link = await client.delivery.photoUploadLink.mutate({
    deliveryId,
    contentType,
    size: photo.size,
    purpose,
  });
  const res = await fetch(link.url, { method: link.method, headers: link.headers, body: photo });
  if (res.status >= 400 && res.status < 500) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new PhotoRefused(body?.message ?? `The ${purpose} was refused; take it again.`);
  }
  if (!res.ok) throw new Error(`The photo upload failed (${res.status}); it will be retried.`);
  return { key: link.key, contentType, size: photo.size };
}
