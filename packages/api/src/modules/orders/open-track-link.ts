// A tracking link opened: the order it names, read-only, for whoever holds the token (no account). A
// token that is unknown, malformed or past its time answers exactly like a missing order. The link is the
// customer's, so it shows the handover code like their own tracker.
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { OrdersContext } from "./order-context.ts";
import type { TLinkedOrder } from "./order-views.schemas.ts";
import { orderOfTrackToken, trackLinkExpiry } from "./track-links.ts";

export async function openTrackLink(ctx: OrdersContext, token: string): Promise<TLinkedOrder> {
  const link = await orderOfTrackToken(ctx.db, token, ctx.now());
  if (!link) throw notFound(msg("order.trackLinkVoid"));
  const o = await ctx.queries.row(link.orderId);
  const [view, tracking] = await Promise.all([ctx.queries.view(o), ctx.queries.trackOf(o, true)]);
  const { customerId: _c, address: _a, notes: _n, ...order } = view;
  return { order, tracking, expiresAt: trackLinkExpiry(o)?.toISOString() ?? null };
}
