// Kitchen and delivery tickets printed from the store console (issue 22, migration 0035): what a ticket's
// version is, who may print an order's ticket, and the printed tickets of a store's orders ("printed 19:02
// by Ana, reprinted 19:10 by Ben"). The writes are claim-ticket-print.ts (automatic, once per version) and
// reprint-ticket.ts (explicit, recorded).
import type { Database, Kysely } from "@pizza/db";
import { z } from "zod";
import { notFound, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { userNames } from "../auth/user-profile.ts";
import { ZNetworkPrint } from "./network-print.ts";
import type { OrdersContext } from "./order-context.ts";
import type { OrderRow } from "./order-rows.ts";
import { EDIT_NOTE_PREFIX } from "./order-state.ts";
import { ZOrderId } from "./orders.schemas.ts";

export const ZTicketKind = z.enum(["kitchen", "delivery"], "A ticket is a kitchen or a delivery ticket.");
export type TicketKind = z.infer<typeof ZTicketKind>;

export const ZTicketPrintRequest = z.object({ orderId: ZOrderId, kind: ZTicketKind.default("kitchen") });

export const ZTicketPrintsRequest = z.object({
  orderIds: z.array(ZOrderId).max(200, "At most 200 orders at a time."),
});

export const ZTicketPrint = z.object({
  orderId: z.string(),
  kind: ZTicketKind,
  /** The ticket's version: the order's version when its lines were last written (placed or edited). */
  version: z.number().int(),
  reprint: z.boolean(),
  printedAt: z.string(),
  printedBy: z.string(),
});
export type TicketPrint = z.infer<typeof ZTicketPrint>;

export const ZClaimTicketPrintResult = z.object({
  /** true: this station prints now; false: this version was already printed (by the `already` print). */
  claimed: z.boolean(),
  version: z.number().int(),
  print: ZTicketPrint,
  /** The store's network printer: sent or why not (null: none set, or this claim lost). */
  network: ZNetworkPrint,
});

/** A reprint, with what the store's network printer did (null: none set). */
export const ZReprintResult = ZTicketPrint.extend({ network: ZNetworkPrint });

/**
 * The version a ticket prints: the order's version when its lines were last written — placed (or paid
 * and so placed) or edited. A bump or an undo changes the order's version but not what the kitchen
 * makes, so it prints nothing new; an edit does.
 */
export async function ticketVersion(db: Kysely<Database>, orderId: string): Promise<number> {
  const row = await db
    .selectFrom("order_status_history")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("order_id", "=", orderId)
    .where((eb) =>
      eb.or([
        eb("from_status", "is", null),
        eb.and([eb("from_status", "=", "pending_payment"), eb("to_status", "=", "placed")]),
        eb.and([eb("from_status", "=", eb.ref("to_status")), eb("note", "like", `${EDIT_NOTE_PREFIX}%`)]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.version ?? 1);
}

/**
 * The order whose ticket a staff member prints: their store's (admins any), else NOT_FOUND like a missing
 * order; an order still waiting for its payment is not in the kitchen yet.
 */
export async function orderForTicket(ctx: OrdersContext, user: AuthUser, orderId: string): Promise<OrderRow> {
  const o = await ctx.queries.row(orderId);
  if (!actsForStore(user, o.store_id)) throw notFound(msg("order.notFound"));
  if (o.status === "pending_payment")
    throw preconditionFailed("This order is waiting for its payment; its ticket prints once it is paid.", {
      reason: "not_in_kitchen",
    });
  return o;
}

/**
 * The row of a print of this order's ticket at its current version, by this user, now: the order
 * checked by `orderForTicket` first (another store's is NOT_FOUND).
 */
export async function newPrintRow(
  ctx: OrdersContext,
  user: AuthUser,
  input: { orderId: string; kind: TicketKind },
  reprint: boolean,
) {
  const o = await orderForTicket(ctx, user, input.orderId);
  return {
    order_id: o.id,
    region_code: o.region_code,
    order_version: await ticketVersion(ctx.db, o.id),
    kind: input.kind,
    printed_by: user.id,
    printed_at: ctx.now(),
    reprint,
  };
}

const PRINT_COLUMNS = [
  "id",
  "order_id",
  "kind",
  "order_version",
  "reprint",
  "printed_at",
  "printed_by",
] as const;

type PrintRow = {
  order_id: string;
  kind: TicketKind;
  order_version: number;
  reprint: boolean;
  printed_at: Date;
  printed_by: string;
};

/** The rows as the console reads them, each with the name of who printed it (auth's `userNames`). */
async function printViews(db: Kysely<Database>, rows: PrintRow[]): Promise<TicketPrint[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.printed_by),
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    kind: r.kind,
    version: r.order_version,
    reprint: r.reprint,
    printedAt: r.printed_at.toISOString(),
    printedBy: names.get(r.printed_by) ?? "someone",
  }));
}

/** One print row with the name of who printed it. */
export async function printById(db: Kysely<Database>, id: string): Promise<TicketPrint> {
  const r = await db
    .selectFrom("ticket_prints")
    .select(PRINT_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const [view] = await printViews(db, [r]);
  return view!;
}

/** `order.ticketPrints`: the printed tickets of these orders of the store, oldest first (others are left out). */
export async function listTicketPrints(
  ctx: OrdersContext,
  storeId: string,
  orderIds: string[],
): Promise<TicketPrint[]> {
  if (orderIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("ticket_prints as p")
    .innerJoin("orders as o", (j) =>
      j.onRef("o.id", "=", "p.order_id").onRef("o.region_code", "=", "p.region_code"),
    )
    .select(PRINT_COLUMNS.map((c) => `p.${c}` as const))
    .where("p.order_id", "in", orderIds)
    .where("o.store_id", "=", storeId)
    .orderBy("p.printed_at")
    .orderBy("p.id")
    .execute();
  return printViews(ctx.db, rows);
}
