// "Find my order": the order number plus the email or phone given with it opens the order's tracking
// link. Every miss (no such number, a contact that does not match, a link past its time) answers the same
// sentence, so the form tells nobody which order numbers exist. Limited per IP and per order number
// (order-limits.ts, in the router).
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { customerHasContact, normalContact } from "../auth/contact-match.ts";
import type { OrdersContext } from "./order-context.ts";
import type { TFindOrderRequest } from "./orders.schemas.ts";
import { ensureTrackToken, trackLinkExpiry } from "./track-links.ts";

export const NOT_FOUND_SENTENCE =
  "We couldn't find that order. Check the order number and use the email or phone number you gave with it.";

export async function findOrder(ctx: OrdersContext, input: TFindOrderRequest): Promise<{ token: string }> {
  const contact = normalContact(input.contact);
  const o = contact
    ? await ctx.db
        .selectFrom("orders")
        .select(["id", "region_code", "customer_id", "status", "updated_at"])
        .where("order_number", "=", input.orderNumber)
        .executeTakeFirst()
    : undefined;
  const expiry = o ? trackLinkExpiry(o) : null;
  const matches =
    o &&
    contact &&
    !(expiry && expiry <= ctx.now()) &&
    (await customerHasContact(ctx.db, o.customer_id, contact));
  if (!o || !matches) throw notFound(msg("order.findMiss"));
  return { token: await ensureTrackToken(ctx.db, { id: o.id, regionCode: o.region_code }) };
}
