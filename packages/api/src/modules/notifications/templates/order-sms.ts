// Order messages as texts, next to the email templates: the receipt's short form, "on its way" and
// "arriving", in en, de and ja, each within one segment for usual values (templates.unit.test.ts counts
// them): amounts in the region's currency without the no-break spaces Intl puts in, a long store name
// shortened rather than a second segment paid for. The subject names the message in lists (dev mailbox,
// the admins' failed deliveries); it is not sent.
import { formatMoney } from "@pizza/contracts";
import { type MessageLocale, messageLocale, NUMBER_LOCALE } from "./i18n.ts";
import { fitOneSegment, plainSms } from "./sms-text.ts";

export interface SmsMessage {
  subject: string;
  text: string;
}

export interface ReceiptSmsData {
  locale: string | null | undefined;
  orderNumber: number;
  channel: "delivery" | "carryout";
  total: number;
  currency: string;
  currencyDigits: number;
  storeName: string;
}

export interface OnItsWaySmsData {
  locale: string | null | undefined;
  orderNumber: number;
  /** Minutes until the driver is expected, when the ETA model has one. */
  etaMinutes?: number | undefined;
  /** The tracking page; short links keep the text in one segment. */
  trackUrl?: string | undefined;
}

export interface ArrivingSmsData {
  locale: string | null | undefined;
  orderNumber: number;
  /** About how far away the driver is, in minutes (2 by default). */
  minutes?: number | undefined;
}

interface Words {
  receipt(n: number, total: string, delivery: boolean, store: string): SmsMessage;
  onItsWay(n: number, eta: number | undefined, url: string | undefined): SmsMessage;
  arriving(n: number, minutes: number): SmsMessage;
}

const WORDS: Record<MessageLocale, Words> = {
  en: {
    receipt: (n, total, delivery, store) => ({
      subject: `Order #${n} confirmed`,
      text: `Pizza: order #${n} confirmed, total ${total}. ${delivery ? `We'll deliver it from ${store}.` : `Pick it up at ${store}.`}`,
    }),
    onItsWay: (n, eta, url) => ({
      subject: `Order #${n} is on its way`,
      text: `Pizza: order #${n} is on its way${eta ? `, about ${eta} min` : ""}.${url ? ` Track it: ${url}` : ""}`,
    }),
    arriving: (n, m) => ({
      subject: `Order #${n} is arriving`,
      text: `Pizza: your driver is about ${m} minutes away with order #${n}.`,
    }),
  },
  de: {
    receipt: (n, total, delivery, store) => ({
      subject: `Bestellung #${n} bestätigt`,
      text: `Pizza: Bestellung #${n} bestätigt, Summe ${total}. ${delivery ? `Wir liefern aus ${store}.` : `Abholung bei ${store}.`}`,
    }),
    onItsWay: (n, eta, url) => ({
      subject: `Bestellung #${n} ist unterwegs`,
      text: `Pizza: Bestellung #${n} ist unterwegs${eta ? ` (ca. ${eta} Min.)` : ""}.${url ? ` Verfolgen: ${url}` : ""}`,
    }),
    arriving: (n, m) => ({
      subject: `Bestellung #${n} ist gleich da`,
      text: `Pizza: Ihr Fahrer ist in etwa ${m} Minuten mit Bestellung #${n} bei Ihnen.`,
    }),
  },
  ja: {
    receipt: (n, total, delivery, store) => ({
      subject: `ご注文#${n}を承りました`,
      text: `Pizza: ご注文#${n}を承りました。合計${total}。${delivery ? `${store}からお届けします。` : `${store}でお受け取りください。`}`,
    }),
    onItsWay: (n, eta, url) => ({
      subject: `ご注文#${n}を配達中です`,
      text: `Pizza: ご注文#${n}を配達中です${eta ? `（約${eta}分）` : ""}。${url ? `追跡 ${url}` : ""}`,
    }),
    arriving: (n, m) => ({
      subject: `ご注文#${n}がまもなく到着します`,
      text: `Pizza: ご注文#${n}の配達員があと約${m}分で到着します。`,
    }),
  },
};

export function receiptSms(d: ReceiptSmsData): SmsMessage {
  const locale = messageLocale(d.locale);
  const total = formatMoney(d.total, d.currency, d.currencyDigits, NUMBER_LOCALE[locale]);
  const words = WORDS[locale];
  const delivery = d.channel === "delivery";
  const text = fitOneSegment(
    (store) => words.receipt(d.orderNumber, total, delivery, store).text,
    d.storeName,
  );
  return { subject: words.receipt(d.orderNumber, total, delivery, d.storeName).subject, text };
}

export function onItsWaySms(d: OnItsWaySmsData): SmsMessage {
  const m = WORDS[messageLocale(d.locale)].onItsWay(d.orderNumber, d.etaMinutes, d.trackUrl);
  return { subject: m.subject, text: plainSms(m.text) };
}

export function arrivingSms(d: ArrivingSmsData): SmsMessage {
  const m = WORDS[messageLocale(d.locale)].arriving(d.orderNumber, d.minutes ?? 2);
  return { subject: m.subject, text: plainSms(m.text) };
}
