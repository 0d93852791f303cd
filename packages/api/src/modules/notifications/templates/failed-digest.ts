// The staff failed-delivery digest (issue 17): the messages that failed for good in one window, for one
// store's staff or for admins (all stores). Every line is the time, the order (if any), the kind of message,
// its channel and the reason; the reason and store name are escaped in HTML. No recipient addresses: the
// admins' list of failures has them.
import { emailPage, escapeHtml } from "./html.ts";
import type { MessageLocale, RenderedMessage } from "./i18n.ts";

export interface DigestLine {
  time: string;
  kind: string;
  channel: string;
  orderNumber: number | null;
  reason: string | null;
}

export interface DigestData {
  locale: MessageLocale;
  name: string;
  /** null: every store (an admin's digest). */
  storeName: string | null;
  from: string;
  to: string;
  lines: DigestLine[];
}

/** At most this many lines are written out; the rest are counted. */
export const DIGEST_LINES = 50;

const WORDS: Record<
  MessageLocale,
  {
    subject: (n: number, scope: string, from: string, to: string) => string;
    allStores: string;
    hello: (name: string) => string;
    intro: string;
    order: (n: number) => string;
    noOrder: string;
    more: (n: number) => string;
    footer: string;
  }
> = {
  en: {
    subject: (n, scope, from, to) =>
      `${n === 1 ? "1 message" : `${n} messages`} could not be delivered (${scope}, ${from}–${to})`,
    allStores: "all stores",
    hello: (name) => `Hello ${name},`,
    intro: "These messages failed for good in this window and will not be retried:",
    order: (n) => `order #${n}`,
    noOrder: "no order",
    more: (n) => `…and ${n} more.`,
    footer:
      "You get this digest because you chose it in your notification settings; you can turn it off there.",
  },
  de: {
    subject: (n, scope, from, to) =>
      `${n === 1 ? "1 Nachricht" : `${n} Nachrichten`} nicht zugestellt (${scope}, ${from}–${to})`,
    allStores: "alle Filialen",
    hello: (name) => `Hallo ${name},`,
    intro:
      "Diese Nachrichten sind in diesem Zeitraum endgültig fehlgeschlagen und werden nicht erneut versucht:",
    order: (n) => `Bestellung #${n}`,
    noOrder: "ohne Bestellung",
    more: (n) => `… und ${n} weitere.`,
    footer:
      "Sie erhalten diese Übersicht, weil Sie sie in Ihren Benachrichtigungseinstellungen gewählt haben; dort können Sie sie abbestellen.",
  },
  ja: {
    subject: (n, scope, from, to) => `${n}件の通知を配信できませんでした(${scope}、${from}〜${to})`,
    allStores: "全店舗",
    hello: (name) => `${name} 様`,
    intro: "この期間に次の通知の配信が最終的に失敗しました(再送はされません):",
    order: (n) => `注文 #${n}`,
    noOrder: "注文なし",
    more: (n) => `ほか${n}件`,
    footer: "通知設定でこのまとめを選択されているため送信しています。設定から停止できます。",
  },
};

function subjectOf(d: DigestData): string {
  const w = WORDS[d.locale];
  return w.subject(d.lines.length, d.storeName ?? w.allStores, d.from, d.to);
}

function lineOf(d: DigestData, l: DigestLine): string {
  const w = WORDS[d.locale];
  const order = l.orderNumber === null ? w.noOrder : w.order(l.orderNumber);
  return [l.time, order, `${l.kind} (${l.channel})`, ...(l.reason ? [l.reason] : [])].join(" · ");
}

export function failedDigestMessage(d: DigestData): RenderedMessage {
  const w = WORDS[d.locale];
  const subject = subjectOf(d);
  const shown = d.lines.slice(0, DIGEST_LINES).map((l) => lineOf(d, l));
  const rest = d.lines.length - shown.length;
  const more = rest > 0 ? [w.more(rest)] : [];
  const text = [w.hello(d.name), w.intro, shown.join("\n"), ...more, w.footer].join("\n\n");
  const html = emailPage(
    d.locale,
    subject,
    [
      `<p>${escapeHtml(w.hello(d.name))}</p>`,
      `<p>${escapeHtml(w.intro)}</p>`,
      `<ul>\n${shown.map((l) => `<li>${escapeHtml(l)}</li>`).join("\n")}\n</ul>`,
      ...more.map((m) => `<p>${escapeHtml(m)}</p>`),
      `<p style="color: #666">${escapeHtml(w.footer)}</p>`,
    ].join("\n"),
  );
  return { subject, text, html };
}

/** The digest as a text message: the subject alone (the lines are in the email and the console). */
export const failedDigestSms = (d: DigestData): string => subjectOf(d);
