// Undo the last kitchen bump: the one backward move the platform makes, and only as a correction
// (order-state.ts `undoTarget` says when). Written through the one write path (order-writes.ts): optimistic
// version, history row and `order.status_changed` in one transaction, so the console, the customer's
// tracker and every other client move back too.
import type { Database, Kysely } from "@pizza/db";
import { notFound, preconditionFailed } from "../../errors.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { ORDER_COLUMNS, type OrderRow } from "./order-rows.ts";
import { undoTarget } from "./order-state.ts";
import { writeOrderChange } from "./order-writes.ts";

export interface UndoResult {
  orderId: string;
  status: OrderRow["status"];
  previousStatus: OrderRow["status"];
  version: number;
  at: string;
}

/** Staff (their store) or admins: move an order back one kitchen stage if its last bump was just now. */
export async function undoAdvance(
  db: Kysely<Database>,
  user: AuthUser,
  input: { orderId: string; expectedVersion?: number | undefined },
  now: () => Date = () => new Date(),
): Promise<UndoResult> {
  return db.transaction().execute(async (trx) => {
    // Locked: of two undos at once the second waits, then finds the bump already undone.
    const o = await trx
      .selectFrom("orders")
      .select(ORDER_COLUMNS)
      .where("id", "=", input.orderId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    // Another store's order answers like a missing one (auth/store-access.ts).
    if (!o || !actsForStore(user, o.store_id)) throw notFound("We could not find that order.");
    const last = await trx
      .selectFrom("order_status_history")
      .select(["from_status", "to_status", "note", "at"])
      .where("order_id", "=", o.id)
      .where("region_code", "=", o.region_code)
      .orderBy("version", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const at = now();
    const check = undoTarget(
      o,
      last && { from: last.from_status, to: last.to_status, note: last.note, at: new Date(last.at) },
      at,
    );
    if (!check.ok)
      throw preconditionFailed(check.reason, { reason: "cannot_undo", status: o.status, version: o.version });
    const { row } = await writeOrderChange(
      trx,
      o,
      { kind: "undo", to: check.to },
      { actor: { id: user.id, role: user.role }, at, expectedVersion: input.expectedVersion },
    );
    return {
      orderId: o.id,
      status: check.to,
      previousStatus: o.status,
      version: row.version,
      at: at.toISOString(),
    };
  });
}
