// `order.cancelOrder`: the customer (while the order is editable) or the store cancels an order. The
// state machine and the actor rules (order-state.ts) decide whether it may; everything a cancel
// releases is done by `transitionOrder`. The reason given is kept as typed; without one, the catalog's
// "cancelled by the customer/store" is stored, said in each reader's language.
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { OrdersContext } from "./order-context.ts";
import { type TransitionResult, transitionOrder } from "./transition-order.ts";

export function cancelOrder(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string; reason?: string | undefined; expectedVersion?: number | undefined },
): Promise<TransitionResult> {
  const reason =
    input.reason ??
    (user.role === "customer" ? msg("order.cancelledByCustomer") : msg("order.cancelledByStore"));
  return transitionOrder(
    ctx,
    input.orderId,
    "cancelled",
    { id: user.id, role: user.role },
    { expectedVersion: input.expectedVersion, note: reason },
  );
}
