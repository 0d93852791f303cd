// `order.claimTicketPrint`: a station set to auto-print asks before it prints an order's ticket. The
// claim is a row on (order, ticket version, kind) under a partial unique index (migration 0035), so of
// any number of tabs, reloads and stations exactly one wins; the others hear "already printed" and the
// console prints nothing. Crew may print; another store's order is NOT_FOUND. With a network printer
// set for the store, the winner's ticket is also sent to it by the server (network-print.ts).
import { sql } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import { type NetworkPrint, printOnNetwork } from "./network-print.ts";
import type { OrdersContext } from "./order-context.ts";
import { newPrintRow, printById, type TicketKind, type TicketPrint } from "./ticket-prints.ts";

export async function claimTicketPrint(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string; kind: TicketKind },
): Promise<{ claimed: boolean; version: number; print: TicketPrint; network: NetworkPrint }> {
  const row = await newPrintRow(ctx, user, input, false);
  const won = await ctx.db
    .insertInto("ticket_prints")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["order_id", "order_version", "kind"]).where(sql<boolean>`not reprint`).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (won) {
    // Recorded first, sent after (network-print.ts): a printer that is down loses no "printed once".
    const print = await printById(ctx.db, won.id);
    const network = await printOnNetwork(ctx, row.order_id, { ...print, reprint: false });
    return { claimed: true, version: row.order_version, print, network };
  }
  // Lost: answer with the print that won, so the console can say who printed it and when.
  const first = await ctx.db
    .selectFrom("ticket_prints")
    .select("id")
    .where("order_id", "=", row.order_id)
    .where("order_version", "=", row.order_version)
    .where("kind", "=", input.kind)
    .where("reprint", "=", false)
    .executeTakeFirstOrThrow();
  return {
    claimed: false,
    version: row.order_version,
    print: await printById(ctx.db, first.id),
    network: null,
  };
}
