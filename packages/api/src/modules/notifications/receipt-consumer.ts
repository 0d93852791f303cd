// Receipts from the event stream: when an order is placed (a cash order at once, a card order when its
// payment moves it from pending_payment to placed) its customer's receipt is queued, once per event
// (`handleOnce` plus the queue's unique key). The order, store and customer are read through their
// owners' query functions.
import type { Database, Kysely, OrderAddress, OrderItemConfig, Transaction } from "@pizza/db";
import type { OnceConsumer } from "../../events/consumers.ts";
import type { BusEvent } from "../../events/event-bus.ts";
import { guestClaimLink } from "../auth/guest-claim.ts";
import { userContact } from "../auth/user-contact.ts";
import { orderForReceipt } from "../orders/order-receipt.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import { enqueueNotification } from "./delivery-queue.ts";
import { messageLocale } from "./templates/i18n.ts";
import { orderReceiptMessage } from "./templates/order-receipt.ts";

/** Is this the event of an order becoming placed (not an undo back to placed)? */
export function isPlacement(event: Pick<BusEvent, "topic" | "payload">): boolean {
  const { status, previousStatus } = event.payload as { status?: string; previousStatus?: string | null };
  if (event.topic === "order.placed") return status === "placed";
  return (
    event.topic === "order.status_changed" && status === "placed" && previousStatus === "pending_payment"
  );
}

function words(id: string): string {
  return id.replace(/[_-]+/g, " ");
}

/** A line's choices in words: crust, sauce, cheese, toppings (with half and portion), options. */
export function optionWords(config: OrderItemConfig): string[] {
  const out: string[] = [];
  if (config.crust) out.push(`${words(config.crust)} crust`);
  if (config.sauce) out.push(`${words(config.sauce)} sauce`);
  if (config.cheese && config.cheese !== "normal") out.push(`${config.cheese} cheese`);
  for (const t of config.toppings ?? []) {
    const extras = [
      t.placement !== "whole" ? `${t.placement} half` : "",
      t.portion === "extra" ? "extra" : "",
    ];
    const detail = extras.filter(Boolean).join(", ");
    out.push(detail ? `${words(t.id)} (${detail})` : words(t.id));
  }
  for (const o of config.options ?? []) out.push(words(o));
  return out;
}

/** Renders the receipt of `orderId` and queues it for its customer; false when there is no one to send it to. */
export async function queueReceipt(
  db: Kysely<Database>,
  eventId: string,
  orderId: string,
  publicUrl?: string,
): Promise<boolean> {
  const order = await orderForReceipt(db, orderId);
  if (!order) return false;
  const [store, customer] = await Promise.all([
    storeForReceipt(db, order.storeId),
    userContact(db, order.customerId),
  ]);
  if (!store || !customer?.email) return false;
  const locale = messageLocale(customer.locale ?? store.regionLocale);
  const message = orderReceiptMessage({
    locale,
    orderNumber: order.orderNumber,
    customerName: customer.name,
    channel: order.channel,
    currency: store.currency,
    currencyDigits: store.currencyDigits,
    lines: order.items.map((i) => ({
      quantity: i.quantity,
      name: i.name,
      variant: words(i.variant),
      options: optionWords(i.config),
      lineTotal: i.lineTotal,
    })),
    subtotal: order.subtotal,
    discount: order.discount,
    promoCode: order.promoCode,
    deliveryFee: order.deliveryFee,
    tax: order.tax,
    taxIncluded: order.taxIncluded,
    tip: order.tip,
    total: order.total,
    store: { name: store.name, address: store.address, phone: store.phone },
    address: order.channel === "delivery" ? (order.address as OrderAddress | null) : null,
    // A guest's receipt links to "Create your account" (auth/guest-claim.ts).
    claimUrl: await guestClaimLink(db, order.customerId, publicUrl),
  });
  return enqueueNotification(db, {
    eventId,
    kind: "order_receipt",
    channel: "email",
    recipient: customer.email,
    recipientName: customer.name,
    locale,
    ...message,
  });
}

export function receiptConsumer(publicUrl?: string): OnceConsumer {
  return {
    name: "notifications.receipts",
    topics: ["order.placed", "order.status_changed"],
    async handle(event: BusEvent, trx: Transaction<Database>) {
      if (!isPlacement(event)) return;
      const orderId = (event.payload as { orderId?: string }).orderId;
      if (orderId) await queueReceipt(trx, event.id, orderId, publicUrl);
    },
  };
}
