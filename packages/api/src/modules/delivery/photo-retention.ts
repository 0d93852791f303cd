// Delivery photos are deleted after a retention period (issue 20; DELIVERY_PHOTO_RETENTION_DAYS, 90 by
// default): each sweep claims deliveries delivered before the cutoff that still hold a proof blob (FOR
// UPDATE SKIP LOCKED, a batch at a time, so several nodes sweep at once without meeting), deletes their
// blobs — the keys the row names and anything left under the delivery's folder (raw uploads of a refused
// attempt) — then clears the keys and records `proof_removed_at`, so the store and the customer read
// "removed after N days" instead of a broken link. Deleting a blob that is already gone is not an error,
// so a sweep interrupted between the blob store and the commit just does it again. A delivery whose blobs
// cannot be deleted (the store is down) keeps its keys and is tried at the next round.
import { sql } from "@pizza/db";
import type { BlobStore } from "../../infra/blob-store.ts";
import { type RetentionSweepOptions, retentionCutoff } from "../../infra/periodic-sweep.ts";

/** The deliveries' columns naming a proof blob; a new one (the signature's key) is one more entry here. */
export const PROOF_KEY_COLUMNS = ["photo_key", "signature_key"] as const;

type ProofKeyColumn = (typeof PROOF_KEY_COLUMNS)[number];

/** Where a delivery's blobs live (delivery-photo.ts writes under it). */
export const deliveryFolder = (deliveryId: string) => `deliveries/${deliveryId}/`;

/** One batch: removes the proof of up to `batch` deliveries delivered before the cutoff; answers how many. */
export async function sweepDeliveryPhotos(opts: RetentionSweepOptions, now = new Date()): Promise<number> {
  const cutoff = retentionCutoff(now, opts.retentionDays);
  return opts.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("deliveries")
      .select(["id", ...PROOF_KEY_COLUMNS])
      .where("delivered_at", "<", cutoff)
      .where((eb) => eb.or(PROOF_KEY_COLUMNS.map((c) => eb(c, "is not", null))))
      .orderBy("delivered_at")
      .limit(opts.batch ?? 100)
      .forUpdate()
      .skipLocked()
      .execute();
    const removed: string[] = [];
    for (const row of due) {
      const keys = PROOF_KEY_COLUMNS.flatMap((c) => (row[c] ? [row[c]] : []));
      try {
        await removeBlobs(opts.blobs, row.id, keys);
        removed.push(row.id);
      } catch (error) {
        opts.log?.warn(
          { err: error, deliveryId: row.id },
          "could not delete a delivery's photo; kept for the next sweep",
        );
      }
    }
    if (removed.length === 0) return 0;
    const cleared = Object.fromEntries(PROOF_KEY_COLUMNS.map((c) => [c, null])) as Record<
      ProofKeyColumn,
      null
    >;
    await trx
      .updateTable("deliveries")
      .set({ ...cleared, proof_removed_at: now, updated_at: sql`now()` })
      .where("id", "in", removed)
      .execute();
    return removed.length;
  });
}

async function removeBlobs(blobs: BlobStore, deliveryId: string, keys: string[]): Promise<void> {
  for (const key of keys) await blobs.delete(key);
  // Raw uploads never confirmed (a refused "Delivered", a second photo) sit in the same folder.
  for (const key of await blobs.list(deliveryFolder(deliveryId))) await blobs.delete(key);
}
