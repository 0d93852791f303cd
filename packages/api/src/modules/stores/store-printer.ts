// A store's network receipt printer (issue 22): kitchen and delivery tickets sent by the server as ESC/POS
// over raw TCP ("port 9100" printing) when a print is claimed or reprinted (orders/network-print.ts).
// Optional: no host = the station's browser prints. Set by the store's manager or an admin; crew see it.
// Ports are limited to the raw-printing range 9100–9109 (also in the database) so the setting cannot
// point the server at another kind of service.
import type { Database, Kysely } from "@pizza/db";
import { forbidden, notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { StoreDeps } from "./store-deps.ts";
import { canPrice } from "./store-prices.ts";

export type PaperWidth = "80" | "58";

export interface TicketPrinter {
  host: string;
  port: number;
  paper: PaperWidth;
}

/** The store's network printer, or null when it has none (for the orders module's network print). */
export async function ticketPrinterOf(db: Kysely<Database>, storeId: string): Promise<TicketPrinter | null> {
  const row = await db
    .selectFrom("stores")
    .select(["ticket_printer_host", "ticket_printer_port", "ticket_printer_paper"])
    .where("id", "=", storeId)
    .executeTakeFirst();
  if (!row?.ticket_printer_host) return null;
  return {
    host: row.ticket_printer_host,
    port: row.ticket_printer_port,
    paper: row.ticket_printer_paper === "58" ? "58" : "80",
  };
}

/** `store.ticketPrinter`: the setting, and whether this caller may change it. */
export async function ticketPrinterSettings(deps: StoreDeps, actor: AuthUser, storeId: string) {
  const [printer, canEdit] = await Promise.all([ticketPrinterOf(deps.db, storeId), canPrice(deps.db, actor)]);
  return { storeId, printer, canEdit };
}

/** `store.setTicketPrinter`: a manager of the store or an admin sets (or, with null, removes) the printer. */
export async function setTicketPrinter(
  deps: StoreDeps,
  actor: AuthUser,
  storeId: string,
  printer: TicketPrinter | null,
) {
  if (!(await canPrice(deps.db, actor)))
    throw forbidden("Only the store manager can set the ticket printer; ask your manager.");
  const row = await deps.db
    .updateTable("stores")
    .set(
      printer
        ? {
            ticket_printer_host: printer.host,
            ticket_printer_port: printer.port,
            ticket_printer_paper: printer.paper,
          }
        : { ticket_printer_host: null },
    )
    .where("id", "=", storeId)
    .returning("id")
    .executeTakeFirst();
  if (!row) throw notFound("We could not find that store.");
  return ticketPrinterSettings(deps, actor, storeId);
}
