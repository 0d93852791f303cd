// The store's answer to a customer's problem with an order (help with an order, issue 16): refunded,
// credited with a code for the next order, or declined with the store's reason.
import { formatMoney } from "@pizza/contracts";
import { emailPage, escapeHtml } from "./html.ts";
import { type MessageLocale, messageLocale, NUMBER_LOCALE, type RenderedMessage } from "./i18n.ts";

type Outcome = "refunded" | "credited" | "declined";

const WORDS: Record<
  MessageLocale,
  {
    subject: (n: number) => string;
    line: Record<Outcome, (amount: string) => string>;
    code: string;
    note: string;
  }
> = {
  en: {
    subject: (n) => `About your order #${n}`,
    line: {
      refunded: (a) => `We refunded ${a} to your card. It may take a few days to show on your statement.`,
      credited: (a) => `We gave you ${a} off your next order.`,
      declined: () => "We looked at your request and could not refund it.",
    },
    code: "Your code (only for you, once):",
    note: "From the store:",
  },
  de: {
    subject: (n) => `Zu Ihrer Bestellung #${n}`,
    line: {
      refunded: (a) =>
        `Wir haben ${a} auf Ihre Karte erstattet. Es kann einige Tage dauern, bis Sie es sehen.`,
      credited: (a) => `Sie erhalten ${a} Rabatt auf Ihre nächste Bestellung.`,
      declined: () => "Wir haben Ihre Anfrage geprüft und können leider nichts erstatten.",
    },
    code: "Ihr Code (nur für Sie, einmal):",
    note: "Vom Restaurant:",
  },
  ja: {
    subject: (n) => `ご注文 #${n} について`,
    line: {
      refunded: (a) => `${a} をカードに返金しました。明細への反映には数日かかる場合があります。`,
      credited: (a) => `次回のご注文で使える ${a} 分のクレジットをお贈りしました。`,
      declined: () => "ご連絡内容を確認しましたが、今回は返金できませんでした。",
    },
    code: "コード(お客様専用・1回限り):",
    note: "店舗より:",
  },
};

export function helpOutcomeMessage(input: {
  locale: string | null | undefined;
  orderNumber: number;
  outcome: Outcome;
  amount: number | null;
  currency: string;
  creditCode: string | null;
  note: string | null;
}): RenderedMessage {
  const locale = messageLocale(input.locale);
  const w = WORDS[locale];
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: input.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const amount =
    input.amount === null ? "" : formatMoney(input.amount, input.currency, digits, NUMBER_LOCALE[locale]);
  const subject = w.subject(input.orderNumber);
  const lines = [
    w.line[input.outcome](amount),
    ...(input.creditCode ? [`${w.code} ${input.creditCode}`] : []),
    ...(input.note ? [`${w.note} “${input.note}”`] : []),
  ];
  const html = emailPage(locale, subject, lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n"));
  return { subject, text: lines.join("\n\n"), html };
}
