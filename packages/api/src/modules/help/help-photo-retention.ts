// Help photos are deleted after the same retention period as delivery photos (DELIVERY_PHOTO_RETENTION_DAYS):
// a photo older than the cutoff is removed unless an open request still names it (the store has not
// answered yet; it goes once the request is closed and the photo is past the cutoff). The blob is
// deleted (already gone is fine), then the row keeps its id and says when (`removed_at`), so a request
// that named it reads "photo removed". Rows from before the blob store (bytes in PostgreSQL) are
// emptied the same way. Claimed FOR UPDATE SKIP LOCKED in batches: safe on several nodes at once.
import { sql } from "@pizza/db";
import { type RetentionSweepOptions, retentionCutoff } from "../../infra/periodic-sweep.ts";

/** One batch: removes up to `batch` help photos past the cutoff that no open request needs; answers how many. */
export async function sweepHelpPhotos(opts: RetentionSweepOptions, now = new Date()): Promise<number> {
  const cutoff = retentionCutoff(now, opts.retentionDays);
  return opts.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("help_photos as p")
      .select(["p.id", "p.blob_key"])
      .where("p.removed_at", "is", null)
      .where("p.created_at", "<", cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("help_requests as r")
              .select(sql<number>`1`.as("one"))
              .whereRef("r.photo_id", "=", "p.id")
              .where("r.status", "=", "open"),
          ),
        ),
      )
      .orderBy("p.created_at")
      .limit(opts.batch ?? 100)
      .forUpdate("p")
      .skipLocked()
      .execute();
    const removed: string[] = [];
    for (const photo of due) {
      try {
        if (photo.blob_key) await opts.blobs.delete(photo.blob_key);
        removed.push(photo.id);
      } catch (error) {
        opts.log?.warn(
          { err: error, photoId: photo.id },
          "could not delete a help photo; kept for the next sweep",
        );
      }
    }
    if (removed.length === 0) return 0;
    await trx
      .updateTable("help_photos")
      .set({ bytes: null, blob_key: null, removed_at: now })
      .where("id", "in", removed)
      .execute();
    return removed.length;
  });
}
