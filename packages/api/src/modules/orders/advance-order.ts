// `order.advance`: staff bump an order through the kitchen (the store console), or hand a carryout order
// over at the counter. Another store's order answers NOT_FOUND (transitionOrder checks who sees it). A
// carryout order needing a handover code is handed over only against it (handover-code.ts): the wrong
// attempts are counted, the hand-over and the code's verification are one transaction.
import type { OrderStatus } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import { recordHandover, tryHandoverCode } from "./handover-code.ts";
import type { OrdersContext } from "./order-context.ts";
import { type TransitionResult, transitionOrder } from "./transition-order.ts";

export async function advanceOrder(
  ctx: OrdersContext,
  user: AuthUser,
  input: {
    orderId: string;
    to: OrderStatus;
    expectedVersion?: number | undefined;
    note?: string | undefined;
    handoverCode?: string | undefined;
  },
): Promise<TransitionResult> {
  const actor = { id: user.id, role: user.role };
  const opts = { expectedVersion: input.expectedVersion, note: input.note };
  if (input.to !== "picked_up") return transitionOrder(ctx, input.orderId, input.to, actor, opts);
  // Who may hand it over is checked before a code is tried: another store's order is not found. A move
  // the state machine refuses anyway (not ready, not carryout) is refused without trying the code.
  const o = await ctx.queries.row(input.orderId);
  await ctx.queries.assertCanSee(user, o);
  if (o.status !== "ready" || o.channel !== "carryout")
    return transitionOrder(ctx, input.orderId, input.to, actor, opts);
  const proof = await tryHandoverCode(ctx.db, input.orderId, input.handoverCode);
  return ctx.db.transaction().execute(async (trx) => {
    const result = await transitionOrder(ctx, input.orderId, input.to, actor, { ...opts, trx });
    await recordHandover(trx, input.orderId, proof);
    return result;
  });
}
