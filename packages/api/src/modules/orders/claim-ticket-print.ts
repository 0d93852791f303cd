// `order.claimTicketPrint`: a station set to auto-print asks before it prints an order's ticket. The
// claim is a row on (order, ticket version, kind) under a partial unique index (migration 0035), so of
// any number of tabs, reloads and stations exactly one wins; the others hear "already printed" and the
// console prints nothing. Crew may print; another store's order is NOT_FOUND.
import { sql } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { OrdersContext } from "./order-context.ts";
import {
  orderForTicket,
  printById,
  type TicketKind,
  type TicketPrint,
  ticketVersion,
} from "./ticket-prints.ts";

export async function claimTicketPrint(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string; kind: TicketKind },
): Promise<{ claimed: boolean; version: number; print: TicketPrint }> {
  const o = await orderForTicket(ctx, user, input.orderId);
  const version = await ticketVersion(ctx.db, o.id);
  const won = await ctx.db
    .insertInto("ticket_prints")
    .values({
      order_id: o.id,
      region_code: o.region_code,
      order_version: version,
      kind: input.kind,
      printed_by: user.id,
      printed_at: ctx.now(),
      reprint: false,
    })
    .onConflict((oc) =>
      oc.columns(["order_id", "order_version", "kind"]).where(sql<boolean>`not reprint`).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (won) return { claimed: true, version, print: await printById(ctx.db, won.id) };
  // Lost: answer with the print that won, so the console can say who printed it and when.
  const first = await ctx.db
    .selectFrom("ticket_prints")
    .select("id")
    .where("order_id", "=", o.id)
    .where("order_version", "=", version)
    .where("kind", "=", input.kind)
    .where("reprint", "=", false)
    .executeTakeFirstOrThrow();
  return { claimed: false, version, print: await printById(ctx.db, first.id) };
}
