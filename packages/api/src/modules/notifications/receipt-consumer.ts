// Receipts from the event stream: when an order is placed (a cash order at once, a card order when its
// payment moves it from pending_payment to placed) its customer's receipt is queued, once per event
// (the job's unique key: a keyed consumer, one statement), as one small job row. The receipt is rendered when it is sent
// (`renderReceipt`), reading the order, store and customer through their owners' query functions.
import { formatMoney } from "@pizza/contracts";
import type { Database, Kysely, OrderAddress } from "@pizza/db";
import type { KeyedConsumer } from "../../events/consumers.ts";
import type { BusEvent } from "../../events/event-bus.ts";
import { guestClaimLink } from "../auth/guest-claim.ts";
import type { UserContact } from "../auth/user-contact.ts";
import { type NameRef, optionNames } from "../menu/option-names.ts";
import { orderForReceipt } from "../orders/order-receipt.ts";
import type { OrderView } from "../orders/order-rows.ts";
import { ensureTrackToken } from "../orders/track-links.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import { enqueueJob } from "./notification-jobs.ts";
import { type MessageLocale, messageLocale, NUMBER_LOCALE, type RenderedMessage } from "./templates/i18n.ts";
import { choiceWords, idWords } from "./templates/line-choices.ts";
import { orderReceiptMessage } from "./templates/order-receipt.ts";

/** Is this the event of an order becoming placed (not an undo back to placed)? */
export function isPlacement(event: Pick<BusEvent, "topic" | "payload">): boolean {
  const { status, previousStatus } = event.payload as { status?: string; previousStatus?: string | null };
  if (event.topic === "order.placed") return status === "placed";
  return (
    event.topic === "order.status_changed" && status === "placed" && previousStatus === "pending_payment"
  );
}

type Line = OrderView["items"][number];

/** A pizza's size, or another item's variant (`item:variant`), as the menu names it. */
const variantRef = (i: Line): NameRef =>
  i.kind === "pizza"
    ? { entity: "size", id: i.variant }
    : { entity: "variant", id: `${i.itemId}:${i.variant}` };

/** What the menu names for these lines: item, size or variant, and every choice. */
function nameRefs(items: Line[]): NameRef[] {
  return items.flatMap((i) => [
    { entity: "item" as const, id: i.itemId },
    variantRef(i),
    ...(i.config.crust ? [{ entity: "crust" as const, id: i.config.crust }] : []),
    ...(i.config.sauce ? [{ entity: "sauce" as const, id: i.config.sauce }] : []),
    ...(i.config.cheese ? [{ entity: "cheese" as const, id: i.config.cheese }] : []),
    ...(i.config.toppings ?? []).map((t) => ({ entity: "topping" as const, id: t.id })),
    ...(i.config.options ?? []).map((o) => ({ entity: "option" as const, id: o })),
  ]);
}

/**
 * Renders the receipt of `orderId` for its customer at send time; undefined when the order or store is
 * gone. With `publicUrl` it carries the order's tracking link (`<publicUrl>/t/<token>`) and, for a guest,
 * the "create your account" link.
 */
export async function renderReceipt(
  db: Kysely<Database>,
  orderId: string,
  customer: UserContact,
  publicUrl?: string,
): Promise<(RenderedMessage & { locale: MessageLocale; total: string }) | undefined> {
  const order = await orderForReceipt(db, orderId);
  if (!order) return undefined;
  const store = await storeForReceipt(db, order.storeId);
  if (!store) return undefined;
  const locale = messageLocale(customer.locale ?? store.regionLocale);
  const token = publicUrl ? await ensureTrackToken(db, { id: order.id, regionCode: order.regionCode }) : null;
  const name = await optionNames(db, locale, nameRefs(order.items));
  const message = orderReceiptMessage({
    locale,
    orderNumber: order.orderNumber,
    customerName: customer.name,
    channel: order.channel,
    currency: store.currency,
    currencyDigits: store.currencyDigits,
    lines: order.items.map((i) => ({
      quantity: i.quantity,
      name: name("item", i.itemId) ?? i.name,
      variant: i.variant ? (name(variantRef(i).entity, variantRef(i).id) ?? idWords(i.variant)) : "",
      options: choiceWords(i.config, locale, name),
      lineTotal: i.lineTotal,
    })),
    subtotal: order.subtotal,
    discount: order.discount,
    deals: order.deals,
    promoCode: order.promoCode,
    deliveryFee: order.deliveryFee,
    tax: order.tax,
    taxIncluded: order.taxIncluded,
    taxLines: order.taxLines,
    tip: order.tip,
    total: order.total,
    store: { name: store.name, address: store.address, phone: store.phone },
    address: order.channel === "delivery" ? (order.address as OrderAddress | null) : null,
    // A guest's receipt links to "Create your account" (auth/guest-claim.ts).
    claimUrl: await guestClaimLink(db, order.customerId, publicUrl),
    trackUrl: token ? `${publicUrl}/t/${token}` : null,
  });
  const total = formatMoney(order.total, store.currency, store.currencyDigits, NUMBER_LOCALE[locale]);
  return { ...message, locale, total };
}

export function receiptConsumer(): KeyedConsumer {
  return {
    name: "notifications.receipts",
    topics: ["order.placed", "order.status_changed"],
    keyed: true,
    async handle(event: BusEvent, db: Kysely<Database>) {
      if (!isPlacement(event)) return;
      const p = event.payload as { orderId: string; customerId: string };
      // One insert: who and which order. The sender renders the receipt when it sends it.
      await enqueueJob(db, {
        eventId: event.id,
        moment: "order_receipt",
        userId: p.customerId,
        payload: { orderId: p.orderId },
      });
    },
  };
}
