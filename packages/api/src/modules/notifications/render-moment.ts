// Renders a job's message for one channel at send time: reads the order and its store through their
// owners' query functions (and, for a cancellation, the refund through payments'), then the template.
import { formatMoney } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import type { UserContact } from "../auth/user-contact.ts";
import { orderForReceipt } from "../orders/order-receipt.ts";
import { refundForOrder } from "../payments/refund-for-order.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import type { PreferenceChannel } from "./channel-choice.ts";
import type { JobPayload, Moment } from "./notification-jobs.ts";
import { renderReceipt } from "./receipt-consumer.ts";
import { messageLocale, NUMBER_LOCALE } from "./templates/i18n.ts";
import { type MomentData, orderMomentMessage, orderMomentSms } from "./templates/order-moments.ts";

export interface ChannelMessage {
  subject: string;
  text: string;
  html?: string | undefined;
  locale: string;
}

export type Render = (channel: PreferenceChannel) => ChannelMessage;

// What a store writes when it gives no reason: not worth repeating to the customer.
const GENERIC_REASONS = new Set(["cancelled by the store", "cancelled by the customer"]);

/** Loads what `moment` needs; undefined when its order or store is gone (nothing to send). */
export async function renderMoment(
  db: Kysely<Database>,
  moment: Moment,
  payload: JobPayload,
  contact: UserContact,
  publicUrl?: string,
): Promise<Render | undefined> {
  if (moment === "order_receipt") {
    const receipt = await renderReceipt(db, payload.orderId, contact, publicUrl);
    if (!receipt) return undefined;
    const { total, ...email } = receipt;
    return (channel) =>
      channel === "email" ? email : { ...email, html: undefined, text: `${email.subject}: ${total}` };
  }
  const order = await orderForReceipt(db, payload.orderId);
  if (!order) return undefined;
  const store = await storeForReceipt(db, order.storeId);
  if (!store) return undefined;
  const locale = messageLocale(contact.locale ?? store.regionLocale);
  const money = (minor: number, currency = store.currency) =>
    formatMoney(minor, currency, store.currencyDigits, NUMBER_LOCALE[locale]);
  let refund: string | null = null;
  if (moment === "order_refunded") refund = money(payload.refundedNow ?? 0, payload.currency);
  else if (moment === "order_cancelled" || moment === "order_refused") {
    const amount = await refundForOrder(db, order.id);
    refund = amount > 0 ? money(amount) : null;
  }
  const reason = payload.reason && !GENERIC_REASONS.has(payload.reason) ? payload.reason : null;
  const data: MomentData = {
    locale,
    customerName: contact.name,
    orderNumber: order.orderNumber,
    storeName: store.name,
    storePhone: store.phone,
    refund,
    reason,
    minutes: Math.max(1, Math.round((payload.etaS ?? 60) / 60)),
    time: order.scheduledFor
      ? new Intl.DateTimeFormat(NUMBER_LOCALE[locale], {
          timeStyle: "short",
          timeZone: store.timeZone,
        }).format(new Date(order.scheduledFor))
      : "",
  };
  const email = orderMomentMessage(moment, data);
  return (channel) =>
    channel === "email"
      ? { ...email, locale }
      : { subject: email.subject, text: orderMomentSms(moment, data), locale };
}
