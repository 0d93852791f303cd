// Reading help requests: a customer's own (for one order, or their latest per order for the order
// history), and a store's open ones with their orders for the console. Not yours = not found / not listed.

import type { AuthUser } from "../auth/tokens.ts";
import { userContact } from "../auth/user-contact.ts";
import { orderForReceipt } from "../orders/order-receipt.ts";
import type { THelpRequestView, TStoreHelpRequest } from "./help.schemas.ts";
import type { HelpContext } from "./help-context.ts";
import { HELP_COLUMNS, helpView, linesOf } from "./help-rows.ts";

/** The caller's requests about one of their orders, newest first (empty for someone else's order). */
export async function helpForOrder(
  ctx: HelpContext,
  user: AuthUser,
  orderId: string,
): Promise<THelpRequestView[]> {
  const rows = await ctx.db
    .selectFrom("help_requests")
    .select(HELP_COLUMNS)
    .where("order_id", "=", orderId)
    .where("customer_id", "=", user.id)
    .orderBy("created_at", "desc")
    .limit(20)
    .execute();
  if (rows.length === 0) return [];
  const order = await orderForReceipt(ctx.db, orderId);
  if (!order) return [];
  return Promise.all(rows.map((r) => helpView(ctx.db, ctx.promos, r, order)));
}

/** The caller's latest request per order, for the order history (its last 50 requests). */
export async function myHelpRequests(ctx: HelpContext, user: AuthUser): Promise<THelpRequestView[]> {
  const rows = await ctx.db
    .selectFrom("help_requests")
    .select(HELP_COLUMNS)
    .where("customer_id", "=", user.id)
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
  const latest = rows.filter((r, i) => rows.findIndex((x) => x.order_id === r.order_id) === i);
  const views = await Promise.all(
    latest.map(async (r) => {
      const order = await orderForReceipt(ctx.db, r.order_id);
      return order ? helpView(ctx.db, ctx.promos, r, order) : undefined;
    }),
  );
  return views.filter((v) => v !== undefined);
}

/** A store's open requests, oldest first, each with its order and what can still be refunded. */
export async function storeHelpRequests(ctx: HelpContext, storeId: string): Promise<TStoreHelpRequest[]> {
  const rows = await ctx.db
    .selectFrom("help_requests")
    .select(HELP_COLUMNS)
    .where("store_id", "=", storeId)
    .where("status", "=", "open")
    .orderBy("created_at", "asc")
    .limit(100)
    .execute();
  const out = await Promise.all(
    rows.map(async (r) => {
      const [order, refundable, customer] = await Promise.all([
        orderForReceipt(ctx.db, r.order_id),
        ctx.payments.refundableOf(r.order_id),
        userContact(ctx.db, r.customer_id),
      ]);
      if (!order) return undefined;
      const view = await helpView(ctx.db, ctx.promos, r, order);
      return {
        ...view,
        photoId: r.photo_id,
        customerName: customer?.name ?? null,
        order: {
          status: order.status,
          channel: order.channel,
          paymentMethod: order.paymentMethod,
          total: order.total,
          items: linesOf(
            order,
            order.items.map((i) => i.lineNo),
          ),
        },
        refundableLeft: refundable ? refundable.left : null,
      };
    }),
  );
  return out.filter((v) => v !== undefined);
}
