// The write half of every status change: the order row moves (optimistic on its version), a history
// row records who and why. OrdersService.transition and the undo of a bump both go through it.
import { type Database, type OrderStatus, sql, type Transaction } from "@pizza/db";
import { conflict } from "../../errors.ts";
import type { OrderRow } from "./order-rows.ts";

/** Moves `o` to `to` if nobody changed it since it was read; returns the new version. */
export async function recordStatusChange(
  trx: Transaction<Database>,
  o: OrderRow,
  to: OrderStatus,
  change: {
    actorId: string | null;
    actorRole: string;
    note: string | null;
    at: Date;
    cancelReason?: string | null;
  },
): Promise<number> {
  const updated = await trx
    .updateTable("orders")
    .set({
      status: to,
      version: sql`version + 1`,
      updated_at: change.at,
      ...(change.cancelReason !== undefined ? { cancel_reason: change.cancelReason } : {}),
    })
    .where("id", "=", o.id)
    .where("region_code", "=", o.region_code)
    .where("version", "=", o.version)
    .returning(["version"])
    .executeTakeFirst();
  if (!updated) {
    throw conflict("Someone else changed this order at the same moment; reload and try again.", {
      reason: "stale_version",
    });
  }
  await trx
    .insertInto("order_status_history")
    .values({
      order_id: o.id,
      region_code: o.region_code,
      from_status: o.status,
      to_status: to,
      version: updated.version,
      actor_id: change.actorId,
      actor_role: change.actorRole,
      note: change.note,
      at: change.at,
    })
    .execute();
  return updated.version;
}
