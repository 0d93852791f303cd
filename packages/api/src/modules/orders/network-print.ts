// Kitchen and delivery tickets sent by the server to the store's network receipt printer (ESC/POS over
// TCP, stores/store-printer.ts), when a print is claimed (`order.claimTicketPrint`, only the winner) or
// reprinted (`order.reprintTicket`). Decided: the print is recorded first and sent after. The record is
// what makes "printed once" hold across stations; had the bytes gone first, a failed record would let a
// second station print again. So a printer that is down loses no record: the console is told in words
// ("… was not printed there; press Reprint once the printer is back"), never a 500, and a Reprint sends
// again (and is recorded as a reprint). Stores without a network printer get null: the browser prints.
import { z } from "zod";
import { sendToPrinter } from "../../infra/network-printer.ts";
import { ticketPrinterOf } from "../stores/store-printer.ts";
import { escposTicket } from "./escpos-ticket.ts";
import type { OrdersContext } from "./order-context.ts";
import { ticketContent } from "./ticket-content.ts";
import type { TicketKind } from "./ticket-prints.ts";

export const ZNetworkPrint = z
  .object({
    /** host:port of the store's printer. */
    printer: z.string(),
    sent: z.boolean(),
    /** What happened, in words for the console. */
    message: z.string(),
  })
  .nullable();
export type NetworkPrint = z.infer<typeof ZNetworkPrint>;

/** How long the server waits for a printer to take a ticket before it tells the console it is down. */
export const PRINTER_TIMEOUT_MS = 4000;

export async function printOnNetwork(
  ctx: OrdersContext,
  orderId: string,
  print: { kind: TicketKind; version: number; reprint: boolean },
): Promise<NetworkPrint> {
  const o = await ctx.queries.row(orderId);
  const printer = await ticketPrinterOf(ctx.db, o.store_id);
  if (!printer) return null;
  const where = `${printer.host}:${printer.port}`;
  const what = `${print.kind === "delivery" ? "The delivery ticket" : "Ticket"} #${o.order_number}`;
  try {
    const bytes = escposTicket(await ticketContent(ctx, o, print), printer.paper);
    await sendToPrinter(printer, bytes, PRINTER_TIMEOUT_MS);
    return { printer: where, sent: true, message: `${what} went to the printer at ${where}.` };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      printer: where,
      sent: false,
      message: `${why} ${what} was not printed there; the print is recorded, so press Reprint once the printer is back.`,
    };
  }
}
