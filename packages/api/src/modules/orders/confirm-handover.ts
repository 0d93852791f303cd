// `order.confirmHandover`: after five wrong handover codes (or when the customer cannot show theirs), a
// manager of the order's store (or an admin) confirms the handover; the driver (or the counter) may then
// hand it over without the code, and the delivery records that the code was not verified. Crew are
// refused; another store's order is not found.
import { forbidden, notFound, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { staffRoleOf } from "../auth/user-profile.ts";
import { confirmHandover } from "./handover-code.ts";
import type { OrdersContext } from "./order-context.ts";

export async function confirmOrderHandover(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string },
): Promise<{ orderId: string; confirmed: true }> {
  const o = await ctx.queries.row(input.orderId);
  if (user.role !== "admin" && (user.role !== "staff" || user.storeId !== o.store_id))
    throw notFound(msg("order.notFound"));
  if (user.role !== "admin" && (await staffRoleOf(ctx.db, user.id)) !== "manager")
    throw forbidden("Only a manager can confirm a handover without the customer's code.");
  const done = await ctx.db.transaction().execute((trx) => confirmHandover(trx, o.id, user.id));
  if (!done)
    throw preconditionFailed("This order needs no handover code, or it was already handed over.", {
      reason: "no_handover_to_confirm",
    });
  return { orderId: o.id, confirmed: true };
}
