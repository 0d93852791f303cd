// A customer reports a problem with their own order: which kind, which lines, a message and maybe a photo.
// One open request per order (a partial unique index keeps it so under concurrency); limited per customer.

import { badRequest, conflict, notFound, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import { tooManyRequests } from "../../infra/rate-limiter.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { orderForReceipt } from "../orders/order-receipt.ts";
import type { TFileHelpRequest, THelpRequestView } from "./help.schemas.ts";
import type { HelpContext } from "./help-context.ts";
import { HELP_COLUMNS, helpView } from "./help-rows.ts";

/** Requests one customer may file per hour (each reaches a person at the store). */
export const HELP_REQUESTS_PER_HOUR = 5;

export async function fileHelpRequest(
  ctx: HelpContext,
  user: AuthUser,
  input: TFileHelpRequest,
): Promise<THelpRequestView> {
  const order = await orderForReceipt(ctx.db, input.orderId);
  // Another customer's order answers like one that does not exist.
  if (!order || order.customerId !== user.id) throw notFound(msg("order.notFound"));
  if (order.status === "pending_payment" || order.status === "cancelled")
    throw preconditionFailed(
      order.status === "cancelled" ? msg("help.orderCancelled") : msg("help.orderUnpaid"),
    );
  const known = new Set(order.items.map((i) => i.lineNo));
  const lineNos = [...new Set(input.lineNos)];
  if (lineNos.some((n) => !known.has(n))) throw badRequest(msg("help.chooseLines"), { field: "lineNos" });
  if ((input.kind === "missing_item" || input.kind === "wrong_item") && lineNos.length === 0)
    throw badRequest(msg("help.chooseItem"), { field: "lineNos" });
  const hit = await ctx.limiter.hit(`help:customer:${user.id}`, HELP_REQUESTS_PER_HOUR, 3_600_000);
  if (!hit.allowed)
    throw tooManyRequests("You have sent several requests already; please wait a little.", hit.retryAfterMs);
  const now = ctx.now();
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      if (input.photoId) {
        const photo = await trx
          .selectFrom("help_photos")
          .select("id")
          .where("id", "=", input.photoId)
          .where("customer_id", "=", user.id)
          .where("removed_at", "is", null)
          .executeTakeFirst();
        if (!photo) throw badRequest(msg("help.photoGone"), { field: "photoId" });
      }
      const inserted = await trx
        .insertInto("help_requests")
        .values({
          order_id: order.id,
          region_code: order.regionCode,
          store_id: order.storeId,
          customer_id: user.id,
          kind: input.kind,
          line_nos: lineNos,
          message: input.message,
          photo_id: input.photoId ?? null,
          currency: order.currency,
          created_at: now,
        })
        .returning(HELP_COLUMNS)
        .executeTakeFirstOrThrow();
      await writeOutbox(trx, {
        topic: "help.requested",
        aggregateId: order.id,
        payload: {
          helpRequestId: inserted.id,
          orderId: order.id,
          orderNumber: order.orderNumber,
          storeId: order.storeId,
          customerId: user.id,
          kind: input.kind,
          at: now.toISOString(),
        },
      });
      return inserted;
    });
    return helpView(ctx.db, ctx.promos, row, order);
  } catch (error) {
    if (isUniqueViolation(error, "help_requests_one_open"))
      throw conflict(msg("help.alreadyAsked"), {
        reason: "help_already_open",
      });
    throw error;
  }
}
