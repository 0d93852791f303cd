// Tracking links: every order has one unguessable token (32 random bytes, base64url) that shows its
// tracker read-only to whoever holds it, on any device, without an account. It is made the first time
// someone needs it (the owner's tracker, the receipt, "Find my order") and stops working
// TRACK_LINK_TTL_MS after the order finished (delivered, picked up or cancelled).
import { randomBytes } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";

/** A link keeps working this long after the order was delivered, picked up or cancelled. */
export const TRACK_LINK_TTL_MS = 24 * 60 * 60_000;

const FINISHED = new Set(["delivered", "picked_up", "cancelled"]);

/** A token's shape: 43 base64url characters (256 bits). Anything else is not looked up. */
export const TRACK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The order's tracking token, made now if it has none yet (concurrent callers get the same one). */
export async function ensureTrackToken(
  db: Kysely<Database>,
  order: { id: string; regionCode: string },
): Promise<string> {
  await db
    .insertInto("order_track_links")
    .values({
      token: randomBytes(32).toString("base64url"),
      order_id: order.id,
      region_code: order.regionCode,
    })
    .onConflict((oc) => oc.column("order_id").doNothing())
    .execute();
  const row = await db
    .selectFrom("order_track_links")
    .select("token")
    .where("order_id", "=", order.id)
    .executeTakeFirstOrThrow();
  return row.token;
}

/** When a finished order's link stops working; null while the order is still under way. */
export function trackLinkExpiry(order: { status: string; updated_at: Date | string }): Date | null {
  if (!FINISHED.has(order.status)) return null;
  return new Date(new Date(order.updated_at).getTime() + TRACK_LINK_TTL_MS);
}

/** The order a token opens now and when it stops, or undefined (no such token, malformed, or expired). */
export async function orderOfTrackToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ orderId: string; expiresAt: Date | null } | undefined> {
  if (!TRACK_TOKEN_PATTERN.test(token)) return undefined;
  const row = await db
    .selectFrom("order_track_links")
    .innerJoin("orders", (j) =>
      j
        .onRef("orders.id", "=", "order_track_links.order_id")
        .onRef("orders.region_code", "=", "order_track_links.region_code"),
    )
    .select(["orders.id", "orders.status", "orders.updated_at"])
    .where("order_track_links.token", "=", token)
    .executeTakeFirst();
  if (!row) return undefined;
  const expiry = trackLinkExpiry(row);
  return expiry && expiry <= now ? undefined : { orderId: row.id, expiresAt: expiry };
}
