// The messages that failed for good within one digest window, each with the store of the order it was
// about (through orders' `storesOfOrders`; null for a message about no order, which only admins see).
import type { Database, Kysely } from "@pizza/db";
import { storesOfOrders } from "../orders/order-stores.ts";

export interface DigestWindow {
  start: Date;
  end: Date;
}

export interface WindowFailure {
  kind: string;
  channel: string;
  storeId: string | null;
  orderNumber: number | null;
  lastError: string | null;
  failedAt: Date;
}

/** At most this many failures are read for one window (the admin list has them all). */
const MAX_FAILURES = 500;

/** Failures with `start <= failed_at < end`, oldest first. */
export async function failuresInWindow(db: Kysely<Database>, w: DigestWindow): Promise<WindowFailure[]> {
  const rows = await db
    .selectFrom("notification_deliveries")
    .select(["kind", "channel", "order_id", "last_error", "failed_at"])
    .where("status", "=", "failed")
    .where("failed_at", ">=", w.start)
    .where("failed_at", "<", w.end)
    .orderBy("failed_at")
    .limit(MAX_FAILURES)
    .execute();
  const orders = await storesOfOrders(
    db,
    rows.flatMap((r) => (r.order_id ? [r.order_id] : [])),
  );
  return rows.map((r) => {
    const order = r.order_id ? orders.get(r.order_id) : undefined;
    return {
      kind: r.kind,
      channel: r.channel,
      storeId: order?.storeId ?? null,
      orderNumber: order?.orderNumber ?? null,
      lastError: r.last_error,
      failedAt: new Date(r.failed_at as unknown as string),
    };
  });
}
