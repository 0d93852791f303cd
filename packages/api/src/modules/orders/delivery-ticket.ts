// `order.deliveryTicket`: what the console prints on a delivery ticket besides the lines: the address,
// the last four digits of the customer's phone and whether the driver collects cash (ticket-content.ts).
// Staff of the order's store (crew too) and admins; another store's order is NOT_FOUND.
import { preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import type { OrdersContext } from "./order-context.ts";
import { type DeliveryDetails, deliveryDetails } from "./ticket-content.ts";
import { orderForTicket } from "./ticket-prints.ts";

export async function deliveryTicket(
  ctx: OrdersContext,
  user: AuthUser,
  orderId: string,
): Promise<DeliveryDetails> {
  const o = await orderForTicket(ctx, user, orderId);
  if (o.channel !== "delivery")
    throw preconditionFailed("A carryout order has no delivery ticket.", { reason: "not_delivery" });
  const store = await storeForReceipt(ctx.db, o.store_id);
  return deliveryDetails(ctx, o, {
    currency: o.currency.trim(),
    digits: store?.currencyDigits ?? 2,
    locale: "en",
  });
}
