// `order.reprintTicket`: staff print an order's ticket again on purpose (the printer jammed, the driver
// needs a copy). Always allowed for the store's staff (crew too), always recorded: who, when, which version.
import type { AuthUser } from "../auth/tokens.ts";
import type { OrdersContext } from "./order-context.ts";
import {
  orderForTicket,
  printById,
  type TicketKind,
  type TicketPrint,
  ticketVersion,
} from "./ticket-prints.ts";

export async function reprintTicket(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string; kind: TicketKind },
): Promise<TicketPrint> {
  const o = await orderForTicket(ctx, user, input.orderId);
  const row = await ctx.db
    .insertInto("ticket_prints")
    .values({
      order_id: o.id,
      region_code: o.region_code,
      order_version: await ticketVersion(ctx.db, o.id),
      kind: input.kind,
      printed_by: user.id,
      printed_at: ctx.now(),
      reprint: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return printById(ctx.db, row.id);
}
