// The order receipt: lines with their options, subtotal, promo discount, delivery fee, taxes (each rate
// with its net base and its tax, when the order has its breakdown), tip and
// total in the region's currency (formatMoney with the region's digits), the store, and the delivery
// address or the pickup store. Text and HTML per locale; every value from a person is escaped in HTML.
import { formatMoney } from "@pizza/contracts";
import { emailPage, escapeHtml } from "./html.ts";
import { type MessageLocale, messageLocale, NUMBER_LOCALE, type RenderedMessage } from "./i18n.ts";
import { guestClaimLine } from "./password-reset.ts";

export interface ReceiptLine {
  quantity: number;
  name: string;
  /** The size or variant ("large"); empty when the item has only one. */
  variant: string;
  /** Crust, sauce, toppings and options, already in words. */
  options: string[];
  lineTotal: number;
}

export interface ReceiptData {
  locale: string | null | undefined;
  orderNumber: number;
  customerName: string;
  channel: "delivery" | "carryout";
  currency: string;
  currencyDigits: number;
  lines: ReceiptLine[];
  subtotal: number;
  /** Every discount: the deals' savings (each also in `deals`), the reward's and the promo code's. */
  discount: number;
  /** The deals applied, each its own row; the rest of `discount` is one "Discount" row. */
  deals?: { name: string; times: number; saving: number }[] | undefined;
  promoCode: string | null;
  deliveryFee: number;
  tax: number;
  taxIncluded: boolean;
  /** Per rate: its net base and its tax (orders' `taxLines`); one "Tax" row when absent. */
  taxLines?: { ratePpm: number; base: number; tax: number }[] | undefined;
  tip: number;
  total: number;
  store: { name: string; address: string; phone: string | null };
  /** The delivery address; null for carryout. */
  address: { line1: string; line2?: string | null; city: string; postalCode?: string | null } | null;
  /** A guest's "create your account" link (auth/guest-claim.ts). */
  claimUrl?: string | undefined;
  /** The order's tracking link (works on any device without an account); null when there is none. */
  trackUrl?: string | null;
}

interface Words {
  subject(orderNumber: number): string;
  hello(name: string): string;
  thanks: string;
  subtotal: string;
  discount(code: string | null): string;
  /** A deal's row: "Deal: Any 2 medium pizzas (× 2)". */
  deal(name: string, times: number): string;
  deliveryFee: string;
  tax: string;
  taxIncluded: string;
  /** One rate's row: "VAT 7 % on net €11.91". */
  taxLine(rate: string, base: string, included: boolean): string;
  tip: string;
  total: string;
  store: string;
  deliverTo: string;
  pickUpAt: string;
  track: string;
}

const WORDS: Record<MessageLocale, Words> = {
  en: {
    subject: (n) => `Your receipt for order #${n}`,
    hello: (name) => `Hello ${name},`,
    thanks: "thank you for your order. Here is your receipt.",
    subtotal: "Subtotal",
    discount: (code) => (code ? `Discount (promo ${code})` : "Discount"),
    deal: (name, times) => `Deal: ${name}${times > 1 ? ` (× ${times})` : ""}`,
    deliveryFee: "Delivery fee",
    tax: "Tax",
    taxIncluded: "Tax included",
    taxLine: (rate, base, included) => `${included ? "Tax included" : "Tax"} ${rate} on ${base}`,
    tip: "Tip",
    total: "Total",
    store: "Store",
    deliverTo: "Delivery to",
    pickUpAt: "Pickup at",
    track: "Follow your order on any device",
  },
  de: {
    subject: (n) => `Ihre Quittung für Bestellung Nr. ${n}`,
    hello: (name) => `Hallo ${name},`,
    thanks: "vielen Dank für Ihre Bestellung. Hier ist Ihre Quittung.",
    subtotal: "Zwischensumme",
    discount: (code) => (code ? `Rabatt (Aktionscode ${code})` : "Rabatt"),
    deal: (name, times) => `Angebot: ${name}${times > 1 ? ` (× ${times})` : ""}`,
    deliveryFee: "Liefergebühr",
    tax: "MwSt.",
    taxIncluded: "Enthaltene MwSt.",
    taxLine: (rate, base, included) => `${included ? "Enthaltene MwSt." : "MwSt."} ${rate} auf netto ${base}`,
    tip: "Trinkgeld",
    total: "Gesamt",
    store: "Filiale",
    deliverTo: "Lieferung an",
    pickUpAt: "Abholung in",
    track: "Bestellung auf jedem Gerät verfolgen",
  },
  ja: {
    subject: (n) => `ご注文 #${n} の領収書`,
    hello: (name) => `${name} 様`,
    thanks: "ご注文ありがとうございます。領収書をお送りします。",
    subtotal: "小計",
    discount: (code) => (code ? `割引（プロモコード ${code}）` : "割引"),
    deal: (name, times) => `セット: ${name}${times > 1 ? `（× ${times}）` : ""}`,
    deliveryFee: "配達料",
    tax: "消費税",
    taxIncluded: "うち消費税",
    taxLine: (rate, base, included) => `${included ? "うち消費税" : "消費税"} ${rate}（税抜対象額 ${base}）`,
    tip: "チップ",
    total: "合計",
    store: "店舗",
    deliverTo: "お届け先",
    pickUpAt: "受け取り店舗",
    track: "どの端末からでも注文状況を確認できます",
  },
};

/** The receipt's amounts as [label, formatted amount] rows, in order; rows that are zero are left out. */
function totalRows(
  r: ReceiptData,
  w: Words,
  money: (minor: number) => string,
  percent: (ppm: number) => string,
): Array<[string, string]> {
  const rows: Array<[string, string]> = [[w.subtotal, money(r.subtotal)]];
  const deals = r.deals ?? [];
  for (const d of deals) rows.push([w.deal(d.name, d.times), `−${money(d.saving)}`]);
  const rest = r.discount - deals.reduce((sum, d) => sum + d.saving, 0);
  if (rest > 0) rows.push([w.discount(r.promoCode), `−${money(rest)}`]);
  if (r.deliveryFee > 0) rows.push([w.deliveryFee, money(r.deliveryFee)]);
  if (r.taxLines && r.taxLines.length > 0) {
    for (const t of r.taxLines)
      rows.push([w.taxLine(percent(t.ratePpm), money(t.base), r.taxIncluded), money(t.tax)]);
  } else if (r.tax > 0) rows.push([r.taxIncluded ? w.taxIncluded : w.tax, money(r.tax)]);
  if (r.tip > 0) rows.push([w.tip, money(r.tip)]);
  rows.push([w.total, money(r.total)]);
  return rows;
}

function lineTitle(line: ReceiptLine): string {
  return `${line.quantity} × ${line.name}${line.variant ? ` (${line.variant})` : ""}`;
}

function addressLines(r: ReceiptData): string[] {
  if (!r.address) return [r.store.name, r.store.address];
  const a = r.address;
  return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(" ")].filter((s): s is string =>
    Boolean(s),
  );
}

export function orderReceiptMessage(r: ReceiptData): RenderedMessage {
  const locale = messageLocale(r.locale);
  const w = WORDS[locale];
  const money = (minor: number) => formatMoney(minor, r.currency, r.currencyDigits, NUMBER_LOCALE[locale]);
  const rate = new Intl.NumberFormat(NUMBER_LOCALE[locale], { style: "percent", maximumFractionDigits: 3 });
  const totals = totalRows(r, w, money, (ppm) => rate.format(ppm / 1_000_000));
  const where = r.channel === "delivery" ? w.deliverTo : w.pickUpAt;
  const subject = w.subject(r.orderNumber);
  const claim = r.claimUrl ? guestClaimLine(locale, r.claimUrl) : undefined;

  const text = [
    w.hello(r.customerName),
    w.thanks,
    "",
    ...r.lines.flatMap((l) => [
      `${lineTitle(l)}  ${money(l.lineTotal)}`,
      ...l.options.map((o) => `    ${o}`),
    ]),
    "",
    ...totals.map(([label, amount]) => `${label}: ${amount}`),
    "",
    `${w.store}: ${r.store.name}, ${r.store.address}${r.store.phone ? `, ${r.store.phone}` : ""}`,
    `${where}: ${addressLines(r).join(", ")}`,
    ...(claim ? ["", claim.text] : []),
    ...(r.trackUrl ? ["", `${w.track}: ${r.trackUrl}`] : []),
  ].join("\n");

  const e = escapeHtml;
  const lineRows = r.lines
    .map(
      (l) =>
        `<tr><td>${e(lineTitle(l))}${l.options.length ? `<br><small>${l.options.map(e).join(", ")}</small>` : ""}</td>` +
        `<td style="text-align: right">${e(money(l.lineTotal))}</td></tr>`,
    )
    .join("\n");
  const sumRows = totals
    .map(([label, amount], i) => {
      const b = i === totals.length - 1 ? ["<b>", "</b>"] : ["", ""];
      return `<tr><td>${b[0]}${e(label)}${b[1]}</td><td style="text-align: right">${b[0]}${e(amount)}${b[1]}</td></tr>`;
    })
    .join("\n");
  const html = emailPage(
    locale,
    subject,
    [
      `<p>${e(w.hello(r.customerName))}<br>${e(w.thanks)}</p>`,
      `<h2>${e(subject)}</h2>`,
      `<table style="width: 100%; border-collapse: collapse">\n${lineRows}\n</table>`,
      `<hr>\n<table style="width: 100%">\n${sumRows}\n</table>`,
      `<p><b>${e(w.store)}:</b> ${e(r.store.name)}<br>${e(r.store.address)}${r.store.phone ? `<br>${e(r.store.phone)}` : ""}</p>`,
      `<p><b>${e(where)}:</b><br>${addressLines(r).map(e).join("<br>")}</p>`,
      claim?.html ?? "",
      ...(r.trackUrl ? [`<p><a href="${e(r.trackUrl)}">${e(w.track)}</a></p>`] : []),
    ].join("\n"),
  );
  return { subject, text, html };
}
