// The staff failed-delivery digest, queued: after each window of NOTIFY_DIGEST_MINUTES, every staff member
// or manager who chose the digest (`failed_digest`, off by default) gets one job listing the failures of
// their store's orders in that window, every admin who chose it one listing all; nobody gets one for a
// window without failures of theirs. The sender's sweep on every node calls this; the job's key
// `failed-digest:<userId>:<window start>` (unique with its kind) makes a second node, a rerun or a restart
// a no-op for that window, so no node has to be elected. The job expander renders and sends it.
import type { Database, Kysely } from "@pizza/db";
import { staffScopes } from "../auth/staff-scopes.ts";
import { type DigestWindow, failuresInWindow } from "./failures-in-window.ts";

/** What a digest job is about: its window, and the store it covers (null: all, for an admin). */
export interface DigestPayload {
  start: string;
  end: string;
  storeId: string | null;
}

/** The queue's job kind (and the preference kind) of the digest. */
export const FAILED_DIGEST = "failed_digest";

/**
 * The last window that ended at least `graceMs` ago: windows are aligned to the epoch, so every node
 * computes the same one; the grace lets a failure recorded just before the end be committed first.
 */
export function lastDigestWindow(nowMs: number, periodMs: number, graceMs = 60_000): DigestWindow {
  const end = Math.floor((nowMs - graceMs) / periodMs) * periodMs;
  return { start: new Date(end - periodMs), end: new Date(end) };
}

/** Queues the window's digests; answers how many were new (0 when they exist, or nobody has failures). */
export async function queueFailedDigests(db: Kysely<Database>, window: DigestWindow): Promise<number> {
  const chosen = await db
    .selectFrom("notification_preferences")
    .select("user_id")
    .where("kind", "=", FAILED_DIGEST)
    .where((eb) => eb.fn("cardinality", [eb.ref("channels")]), ">", 0)
    .execute();
  if (chosen.length === 0) return 0;
  const failures = await failuresInWindow(db, window);
  if (failures.length === 0) return 0;
  const stores = new Set(failures.map((f) => f.storeId));
  const readers = (
    await staffScopes(
      db,
      chosen.map((c) => c.user_id),
    )
  ).filter((r) => r.storeId === null || stores.has(r.storeId));
  if (readers.length === 0) return 0;
  const start = window.start.toISOString();
  const rows = await db
    .insertInto("notification_jobs")
    .values(
      readers.map((r) => ({
        event_id: `failed-digest:${r.userId}:${start}`,
        kind: FAILED_DIGEST,
        user_id: r.userId,
        payload: JSON.stringify({
          start,
          end: window.end.toISOString(),
          storeId: r.storeId,
        } satisfies DigestPayload),
      })),
    )
    .onConflict((oc) => oc.columns(["event_id", "kind"]).doNothing())
    .returning("id")
    .execute();
  return rows.length;
}
