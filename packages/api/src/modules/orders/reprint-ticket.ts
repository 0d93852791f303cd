// `order.reprintTicket`: staff print an order's ticket again on purpose (the printer jammed, the driver
// needs a copy). Always allowed for the store's staff (crew too), always recorded: who, when, which version.
import type { AuthUser } from "../auth/tokens.ts";
import { type NetworkPrint, printOnNetwork } from "./network-print.ts";
import type { OrdersContext } from "./order-context.ts";
import { newPrintRow, printById, type TicketKind, type TicketPrint } from "./ticket-prints.ts";

export async function reprintTicket(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string; kind: TicketKind },
): Promise<TicketPrint & { network: NetworkPrint }> {
  const row = await ctx.db
    .insertInto("ticket_prints")
    .values(await newPrintRow(ctx, user, input, true))
    .returning("id")
    .executeTakeFirstOrThrow();
  const print = await printById(ctx.db, row.id);
  // Sent again to the store's network printer, if it has one (recorded first: network-print.ts).
  return { ...print, network: await printOnNetwork(ctx, print.orderId, print) };
}
