// The verification code message (sign-up confirmation, a new contact): subject, text and HTML per locale.
import { emailPage, escapeHtml } from "./html.ts";
import { type MessageLocale, messageLocale, type RenderedMessage } from "./i18n.ts";

const WORDS: Record<MessageLocale, { subject: string; body: (code: string, minutes: number) => string }> = {
  en: {
    subject: "Your verification code",
    body: (code, minutes) => `Your Pizza verification code is ${code}. It expires in ${minutes} minutes.`,
  },
  de: {
    subject: "Ihr Bestätigungscode",
    body: (code, minutes) => `Ihr Pizza-Bestätigungscode lautet ${code}. Er ist ${minutes} Minuten gültig.`,
  },
  ja: {
    subject: "確認コード",
    body: (code, minutes) => `Pizza の確認コードは ${code} です。有効期限は${minutes}分です。`,
  },
};

export function verificationCodeMessage(input: {
  locale: string | null | undefined;
  code: string;
  minutes: number;
}): RenderedMessage {
  const locale = messageLocale(input.locale);
  const w = WORDS[locale];
  const text = w.body(input.code, input.minutes);
  const html = emailPage(
    locale,
    w.subject,
    `<p>${escapeHtml(text)}</p>\n<p style="font-size: 28px; letter-spacing: 4px"><b>${escapeHtml(input.code)}</b></p>`,
  );
  return { subject: w.subject, text, html };
}
