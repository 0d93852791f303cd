// What a printed ticket says, in words, for the server's network printer (escpos-ticket.ts) and the
// delivery ticket the console prints (`order.deliveryTicket`): the order's lines with names from the
// store's menu (halves and extras spelled out: thermal paper has no colour), and for a delivery the
// address, the last digits of the customer's phone and whether the driver collects cash. Kitchen staff
// see only the phone's last digits: enough to confirm with the customer, not a number to take home.
import { formatMoney } from "@pizza/contracts";
import { z } from "zod";
import { accountContacts } from "../auth/account-contacts.ts";
import type { Menu } from "../menu/menu.types.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import type { OrdersContext } from "./order-context.ts";
import type { OrderRow } from "./order-rows.ts";
import type { TicketKind } from "./ticket-prints.ts";

export const ZDeliveryDetails = z.object({
  /** The address as lines (street, second line, postal code and city, the customer's delivery notes). */
  addressLines: z.array(z.string()),
  /** The customer's phone's last four digits, or null when the account has no phone. */
  phoneLast4: z.string().nullable(),
  payment: z.object({
    method: z.enum(["card", "cash"]),
    /** true: paid by card; false: the driver collects `amount` in cash. */
    paid: z.boolean(),
    amount: z.number().int(),
    text: z.string(),
  }),
});
export type DeliveryDetails = z.infer<typeof ZDeliveryDetails>;

export interface TicketLineText {
  quantity: number;
  name: string;
  /** Crust, sauce, cheese when not normal. */
  base: string | null;
  toppings: { where: "WHOLE" | "LEFT 1/2" | "RIGHT 1/2"; name: string; extra: boolean }[];
  options: string[];
}

export interface TicketContent {
  kind: TicketKind;
  storeName: string;
  orderNumber: number;
  channel: "delivery" | "carryout";
  placedAt: string;
  dueAt: string;
  version: number;
  reprint: boolean;
  lines: TicketLineText[];
  notes: string | null;
  delivery: DeliveryDetails | null;
}

const pretty = (id: string) => {
  const s = id.replace(/[_-]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

function namesOf(menu: Menu): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of menu.toppings) names.set(`topping:${t.id}`, t.name);
  for (const c of menu.crusts) names.set(`crust:${c.id}`, c.name);
  for (const s of menu.sauces) names.set(`sauce:${s.id}`, s.name);
  for (const item of menu.items) {
    for (const v of item.variants) if (v.id) names.set(`variant:${item.id}:${v.id}`, v.name);
    for (const g of item.optionGroups) for (const o of g.options) names.set(`option:${o.key}`, o.name);
  }
  return names;
}

type Line = Awaited<ReturnType<OrdersContext["queries"]["view"]>>["items"][number];

function lineText(line: Line, names: Map<string, string>): TicketLineText {
  const name = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? pretty(id);
  const variant = line.variant ? name(`variant:${line.itemId}`, line.variant) : "";
  const c = line.config;
  const base = [
    c.crust ? name("crust", c.crust) : null,
    c.sauce ? name("sauce", c.sauce) : null,
    c.cheese && c.cheese !== "normal" ? `${c.cheese.toUpperCase()} cheese` : null,
  ].filter((s): s is string => s !== null);
  return {
    quantity: line.quantity,
    name:
      variant && !line.name.toLowerCase().includes(variant.toLowerCase())
        ? `${line.name} - ${variant}`
        : line.name,
    base: base.length > 0 ? base.join(", ") : null,
    toppings: (c.toppings ?? []).map((t) => ({
      where: t.placement === "left" ? "LEFT 1/2" : t.placement === "right" ? "RIGHT 1/2" : "WHOLE",
      name: name("topping", t.id),
      extra: t.portion === "extra",
    })),
    options: (c.options ?? []).map((k) => name("option", k)),
  };
}

type Address = {
  line1?: string;
  line2?: string | null;
  city?: string;
  postalCode?: string | null;
  notes?: string | null;
};

/** The delivery part of a ticket: address lines, the phone's last digits, paid or cash to collect. */
export async function deliveryDetails(
  ctx: OrdersContext,
  o: OrderRow,
  money: { currency: string; digits: number; locale: string },
): Promise<DeliveryDetails> {
  const a = (o.address ?? {}) as Address;
  const contact = (await accountContacts(ctx.db, [o.customer_id])).get(o.customer_id);
  const digits = contact?.phone?.replace(/\D/g, "") ?? "";
  const paid = o.payment_method === "card";
  const total = formatMoney(o.total, money.currency, money.digits, money.locale);
  return {
    addressLines: [
      a.line1,
      a.line2,
      [a.postalCode, a.city].filter(Boolean).join(" "),
      a.notes ? `Note: ${a.notes}` : null,
    ].filter((s): s is string => Boolean(s)),
    phoneLast4: digits.length >= 4 ? digits.slice(-4) : null,
    payment: {
      method: o.payment_method,
      paid,
      amount: paid ? 0 : o.total,
      text: paid ? `PAID by card (${total})` : `CASH - collect ${total}`,
    },
  };
}

/** Everything a printed ticket of this order says, at this ticket version. */
export async function ticketContent(
  ctx: OrdersContext,
  o: OrderRow,
  print: { kind: TicketKind; version: number; reprint: boolean },
): Promise<TicketContent> {
  const store = await storeForReceipt(ctx.db, o.store_id);
  const [view, menu] = await Promise.all([ctx.queries.view(o), ctx.menus.menu(o.store_id, "en")]);
  const names = namesOf(menu);
  const timeZone = store?.timeZone ?? "UTC";
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  const money = { currency: o.currency.trim(), digits: store?.currencyDigits ?? 2, locale: "en" };
  return {
    kind: print.kind,
    storeName: store?.name ?? "",
    orderNumber: o.order_number,
    channel: o.channel,
    placedAt: time.format(o.created_at),
    dueAt: time.format(o.promised_at),
    version: print.version,
    reprint: print.reprint,
    lines: view.items.map((l) => lineText(l, names)),
    notes: o.notes,
    delivery: o.channel === "delivery" ? await deliveryDetails(ctx, o, money) : null,
  };
}
