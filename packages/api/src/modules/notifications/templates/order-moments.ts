// The messages of an order's moments after its receipt: on its way, the driver arriving, cancelled (by the
// customer), refused by the store, expired unpaid, refunded, and the reminder of a scheduled order. Each in
// en, de and ja, as an email (text and HTML) and a short SMS (one segment where the language allows).
// Amounts come formatted with the region's digits (formatMoney); what a person typed is escaped in HTML.
import { emailPage, escapeHtml } from "./html.ts";
import { type MessageLocale, messageLocale, type RenderedMessage } from "./i18n.ts";

export const ORDER_MOMENTS = [
  "order_on_its_way",
  "order_arriving",
  "order_cancelled",
  "order_refused",
  "order_expired",
  "order_refunded",
  "order_reminder",
] as const;
export type OrderMoment = (typeof ORDER_MOMENTS)[number];

export interface MomentData {
  locale: string | null | undefined;
  customerName: string;
  orderNumber: number;
  storeName: string;
  storePhone: string | null;
  /** Refunded (or being refunded) amount, formatted; null when nothing is refunded. */
  refund: string | null;
  /** Why the store refused the order, as staff wrote it. */
  reason: string | null;
  /** Minutes until the driver arrives (at least 1). */
  minutes: number;
  /** The scheduled time, formatted in the store's time zone. */
  time: string;
}

interface Text {
  subject: string;
  lines: Array<string | null>;
  sms: string;
}

type Words = {
  hello(name: string): string;
  refundLine(amount: string): string;
} & Record<OrderMoment, (d: MomentData) => Text>;

const WORDS: Record<MessageLocale, Words> = {
  en: {
    hello: (name) => `Hello ${name},`,
    refundLine: (amount) => `A refund of ${amount} is on its way to your card.`,
    order_on_its_way: (d) => ({
      subject: `Order #${d.orderNumber} is on its way`,
      lines: [
        `Your order from ${d.storeName} has left the store with your driver.`,
        "You can follow it live.",
      ],
      sms: `Pizza: order #${d.orderNumber} is on its way.`,
    }),
    order_arriving: (d) => ({
      subject: "Your driver is arriving",
      lines: [
        `Your driver is about ${d.minutes} min away with order #${d.orderNumber}.`,
        "Please be ready at the door.",
      ],
      sms: `Pizza: your driver is arriving with order #${d.orderNumber} (about ${d.minutes} min).`,
    }),
    order_cancelled: (d) => ({
      subject: `Order #${d.orderNumber} is cancelled`,
      lines: [
        `Your order #${d.orderNumber} from ${d.storeName} has been cancelled.`,
        d.reason ? `The store says: ${d.reason}` : null,
      ],
      sms: `Pizza: order #${d.orderNumber} is cancelled.${d.refund ? ` Refund: ${d.refund}.` : ""}`,
    }),
    order_refused: (d) => ({
      subject: `${d.storeName} could not accept order #${d.orderNumber}`,
      lines: [
        `We are sorry: ${d.storeName} could not accept your order #${d.orderNumber}.`,
        d.reason ? `The store says: ${d.reason}` : null,
      ],
      sms: `Pizza: the store could not accept order #${d.orderNumber}.${d.refund ? ` Refund: ${d.refund}.` : ""}`,
    }),
    order_expired: (d) => ({
      subject: `Order #${d.orderNumber} was cancelled: payment not completed`,
      lines: [
        `We cancelled your order #${d.orderNumber} because its payment was not completed in time.`,
        "Nothing was charged. If your bank still shows a charge, it is refunded automatically.",
      ],
      sms: `Pizza: order #${d.orderNumber} was cancelled, its payment was not completed in time.`,
    }),
    order_refunded: (d) => ({
      subject: `Refund for order #${d.orderNumber}`,
      lines: [
        `We refunded ${d.refund ?? ""} for your order #${d.orderNumber}.`,
        "Your bank may take a few days to show it.",
      ],
      sms: `Pizza: we refunded ${d.refund ?? ""} for order #${d.orderNumber}.`,
    }),
    order_reminder: (d) => ({
      subject: `Reminder: order #${d.orderNumber} at ${d.time}`,
      lines: [
        `Your order #${d.orderNumber} from ${d.storeName} is scheduled for ${d.time}.`,
        d.storePhone ? `To change something, call the store: ${d.storePhone}.` : null,
      ],
      sms: `Pizza: reminder, order #${d.orderNumber} is scheduled for ${d.time}.`,
    }),
  },
  de: {
    hello: (name) => `Hallo ${name},`,
    refundLine: (amount) => `Eine Erstattung von ${amount} ist auf dem Weg zu Ihrer Karte.`,
    order_on_its_way: (d) => ({
      subject: `Bestellung Nr. ${d.orderNumber} ist unterwegs`,
      lines: [
        `Ihre Bestellung von ${d.storeName} ist mit Ihrem Fahrer unterwegs.`,
        "Sie können sie live verfolgen.",
      ],
      sms: `Pizza: Bestellung Nr. ${d.orderNumber} ist unterwegs.`,
    }),
    order_arriving: (d) => ({
      subject: "Ihr Fahrer ist gleich da",
      lines: [
        `Ihr Fahrer ist in etwa ${d.minutes} Min. mit Bestellung Nr. ${d.orderNumber} bei Ihnen.`,
        "Bitte halten Sie sich an der Tür bereit.",
      ],
      sms: `Pizza: Ihr Fahrer ist gleich da (Bestellung Nr. ${d.orderNumber}, ca. ${d.minutes} Min.).`,
    }),
    order_cancelled: (d) => ({
      subject: `Bestellung Nr. ${d.orderNumber} ist storniert`,
      lines: [
        `Ihre Bestellung Nr. ${d.orderNumber} bei ${d.storeName} wurde storniert.`,
        d.reason ? `Die Filiale schreibt: ${d.reason}` : null,
      ],
      sms: `Pizza: Bestellung Nr. ${d.orderNumber} ist storniert.${d.refund ? ` Erstattung: ${d.refund}.` : ""}`,
    }),
    order_refused: (d) => ({
      subject: `${d.storeName} konnte Bestellung Nr. ${d.orderNumber} nicht annehmen`,
      lines: [
        `Es tut uns leid: ${d.storeName} konnte Ihre Bestellung Nr. ${d.orderNumber} nicht annehmen.`,
        d.reason ? `Die Filiale schreibt: ${d.reason}` : null,
      ],
      sms: `Pizza: Die Filiale konnte Bestellung Nr. ${d.orderNumber} nicht annehmen.`,
    }),
    order_expired: (d) => ({
      subject: `Bestellung Nr. ${d.orderNumber} storniert: Zahlung nicht abgeschlossen`,
      lines: [
        `Wir haben Ihre Bestellung Nr. ${d.orderNumber} storniert, weil ihre Zahlung nicht rechtzeitig abgeschlossen wurde.`,
        "Es wurde nichts belastet. Zeigt Ihre Bank dennoch eine Belastung, wird sie automatisch erstattet.",
      ],
      sms: `Pizza: Bestellung Nr. ${d.orderNumber} storniert, Zahlung nicht rechtzeitig abgeschlossen.`,
    }),
    order_refunded: (d) => ({
      subject: `Erstattung für Bestellung Nr. ${d.orderNumber}`,
      lines: [
        `Wir haben ${d.refund ?? ""} für Ihre Bestellung Nr. ${d.orderNumber} erstattet.`,
        "Bis Ihre Bank sie anzeigt, kann es einige Tage dauern.",
      ],
      sms: `Pizza: ${d.refund ?? ""} für Bestellung Nr. ${d.orderNumber} erstattet.`,
    }),
    order_reminder: (d) => ({
      subject: `Erinnerung: Bestellung Nr. ${d.orderNumber} um ${d.time}`,
      lines: [
        `Ihre Bestellung Nr. ${d.orderNumber} bei ${d.storeName} ist für ${d.time} geplant.`,
        d.storePhone ? `Für Änderungen rufen Sie die Filiale an: ${d.storePhone}.` : null,
      ],
      sms: `Pizza: Bestellung Nr. ${d.orderNumber} ist für ${d.time} geplant.`,
    }),
  },
  ja: {
    hello: (name) => `${name} 様`,
    refundLine: (amount) => `${amount} をカードに返金いたします。`,
    order_on_its_way: (d) => ({
      subject: `ご注文 #${d.orderNumber} を配達中です`,
      lines: [
        `${d.storeName} からのご注文をドライバーがお届けに向かっています。`,
        "配達状況はライブで確認できます。",
      ],
      sms: `ご注文#${d.orderNumber}を配達中です。`,
    }),
    order_arriving: (d) => ({
      subject: "まもなくドライバーが到着します",
      lines: [
        `ご注文 #${d.orderNumber} のドライバーが約 ${d.minutes} 分で到着します。`,
        "玄関でお待ちください。",
      ],
      sms: `ご注文#${d.orderNumber}のドライバーが約${d.minutes}分で到着します。`,
    }),
    order_cancelled: (d) => ({
      subject: `ご注文 #${d.orderNumber} はキャンセルされました`,
      lines: [
        `${d.storeName} へのご注文 #${d.orderNumber} はキャンセルされました。`,
        d.reason ? `店舗からのメッセージ: ${d.reason}` : null,
      ],
      sms: `ご注文#${d.orderNumber}はキャンセルされました。`,
    }),
    order_refused: (d) => ({
      subject: `${d.storeName} はご注文 #${d.orderNumber} をお受けできませんでした`,
      lines: [
        `申し訳ございません。${d.storeName} はご注文 #${d.orderNumber} をお受けできませんでした。`,
        d.reason ? `店舗からのメッセージ: ${d.reason}` : null,
      ],
      sms: `店舗はご注文#${d.orderNumber}をお受けできませんでした。`,
    }),
    order_expired: (d) => ({
      subject: `ご注文 #${d.orderNumber} はお支払い未完了のためキャンセルされました`,
      lines: [
        `お支払いが時間内に完了しなかったため、ご注文 #${d.orderNumber} をキャンセルしました。`,
        "料金は請求されていません。請求が表示された場合は自動的に返金されます。",
      ],
      sms: `お支払い未完了のためご注文#${d.orderNumber}をキャンセルしました。`,
    }),
    order_refunded: (d) => ({
      subject: `ご注文 #${d.orderNumber} の返金`,
      lines: [
        `ご注文 #${d.orderNumber} について ${d.refund ?? ""} を返金しました。`,
        "カード明細への反映には数日かかる場合があります。",
      ],
      sms: `ご注文#${d.orderNumber}の${d.refund ?? ""}を返金しました。`,
    }),
    order_reminder: (d) => ({
      subject: `ご注文 #${d.orderNumber} は ${d.time} のご予約です`,
      lines: [
        `${d.storeName} へのご注文 #${d.orderNumber} は ${d.time} のご予約です。`,
        d.storePhone ? `変更は店舗までお電話ください: ${d.storePhone}` : null,
      ],
      sms: `ご注文#${d.orderNumber}は${d.time}のご予約です。`,
    }),
  },
};

/** The moment as an email: the greeting, its lines and (cancelled or refused) the refund. */
export function orderMomentMessage(moment: OrderMoment, d: MomentData): RenderedMessage {
  const locale = messageLocale(d.locale);
  const w = WORDS[locale];
  const t = w[moment](d);
  const refund =
    d.refund && (moment === "order_cancelled" || moment === "order_refused") ? w.refundLine(d.refund) : null;
  const lines = [...t.lines, refund].filter((l): l is string => Boolean(l));
  const text = [w.hello(d.customerName), "", ...lines].join("\n");
  const html = emailPage(
    locale,
    t.subject,
    [`<p>${escapeHtml(w.hello(d.customerName))}</p>`, `<h2>${escapeHtml(t.subject)}</h2>`]
      .concat(lines.map((l) => `<p>${escapeHtml(l)}</p>`))
      .join("\n"),
  );
  return { subject: t.subject, text, html };
}

/** The moment as an SMS: one short line. */
export function orderMomentSms(moment: OrderMoment, d: MomentData): string {
  return WORDS[messageLocale(d.locale)][moment](d).sms;
}
