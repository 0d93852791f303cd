// `order.advance`: staff bump an order through the kitchen (the store console), or hand a carryout order
// over at the counter. Another store's order answers NOT_FOUND (transitionOrder checks who sees it).
import type { OrderStatus } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { OrdersContext } from "./order-context.ts";
import { type TransitionResult, transitionOrder } from "./transition-order.ts";

export function advanceOrder(
  ctx: OrdersContext,
  user: AuthUser,
  input: {
    orderId: string;
    to: OrderStatus;
    expectedVersion?: number | undefined;
    note?: string | undefined;
  },
): Promise<TransitionResult> {
  return transitionOrder(
    ctx,
    input.orderId,
    input.to,
    { id: user.id, role: user.role },
    { expectedVersion: input.expectedVersion, note: input.note },
  );
}
