// Undo the last kitchen bump: the one backward move the platform makes, and only as a correction
// (order-state.ts `undoTarget` says when). Written like OrdersService.transition: optimistic version,
// history row (`recordStatusChange`) and `order.status_changed` in one transaction, so the console, the customer's tracker
// and every other client move back too.
import type { Database, Kysely } from "@pizza/db";
import { conflict, notFound, preconditionFailed } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { eventPayload, ORDER_COLUMNS, type OrderRow } from "./order-rows.ts";
import { UNDO_NOTE, undoTarget } from "./order-state.ts";
import { recordStatusChange } from "./status-change.ts";

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
    const o = (await trx
      .selectFrom("orders")
      .select(ORDER_COLUMNS)
      .where("id", "=", input.orderId)
      .forUpdate()
      .executeTakeFirst()) as OrderRow | undefined;
    if (!o || (user.role !== "admin" && !(user.role === "staff" && user.storeId === o.store_id)))
      throw notFound("We could not find that order.");
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
    if (input.expectedVersion !== undefined && input.expectedVersion !== o.version)
      throw conflict(
        `The order has changed since you saw it (it is now ${o.status.replace(/_/g, " ")}); reload and try again.`,
        { reason: "stale_version", status: o.status, version: o.version },
      );
    const version = await recordStatusChange(trx, o, check.to, {
      actorId: user.id,
      actorRole: user.role,
      note: UNDO_NOTE,
      at,
    });
    await writeOutbox(trx, {
      topic: "order.status_changed",
      aggregateId: o.id,
      payload: { ...eventPayload(o, check.to, o.status, version, at), correction: UNDO_NOTE },
    });
    return {
      orderId: o.id,
      status: check.to,
      previousStatus: o.status,
      version,
      at: at.toISOString(),
    };
  });
}
