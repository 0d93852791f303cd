// The "forgot password" message: a six-digit code to type and, by email, a link that opens the app's
// set-new-password screen. Subject, text and HTML per locale; an SMS gets the short text (one segment:
// GSM-7 letters only, ü included, in en and de; ja fits one UCS-2 segment of 70).
import { emailPage, escapeHtml } from "./html.ts";
import { type MessageLocale, messageLocale, type RenderedMessage } from "./i18n.ts";

interface Words {
  subject: string;
  intro: string;
  code: (code: string, minutes: number) => string;
  link: string;
  ignore: string;
  sms: (code: string, minutes: number) => string;
}

const WORDS: Record<MessageLocale, Words> = {
  en: {
    subject: "Reset your Pizza password",
    intro: "Someone asked to reset the password of your Pizza account.",
    code: (code, minutes) => `Your code is ${code}. It expires in ${minutes} minutes and works once.`,
    link: "Or open this link to set a new password:",
    ignore: "If it was not you, ignore this message: your password stays as it is.",
    sms: (code, minutes) =>
      `Pizza password reset code: ${code} (valid ${minutes} min). Not you? Ignore this.`,
  },
  de: {
    subject: "Pizza-Passwort zurücksetzen",
    intro: "Jemand möchte das Passwort Ihres Pizza-Kontos zurücksetzen.",
    code: (code, minutes) =>
      `Ihr Code lautet ${code}. Er ist ${minutes} Minuten gültig und einmal verwendbar.`,
    link: "Oder öffnen Sie diesen Link, um ein neues Passwort festzulegen:",
    ignore: "Wenn Sie das nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.",
    sms: (code, minutes) => `Pizza-Code zum Zurücksetzen Ihres Passworts: ${code} (${minutes} Min. gültig).`,
  },
  ja: {
    subject: "Pizza のパスワード再設定",
    intro: "Pizza アカウントのパスワード再設定が依頼されました。",
    code: (code, minutes) => `コードは ${code} です。有効期限は${minutes}分で、1回だけ使えます。`,
    link: "または、次のリンクから新しいパスワードを設定してください:",
    ignore: "お心当たりがない場合は、このメッセージを無視してください。パスワードは変わりません。",
    sms: (code, minutes) => `Pizza パスワード再設定コード: ${code}（${minutes}分有効）`,
  },
};

export function passwordResetMessage(input: {
  locale: string | null | undefined;
  code: string;
  minutes: number;
  /** The set-new-password link (email only); left out when the server has no public address. */
  link?: string | undefined;
}): RenderedMessage & { sms: string } {
  const locale = messageLocale(input.locale);
  const w = WORDS[locale];
  const e = escapeHtml;
  const text = [
    w.intro,
    "",
    w.code(input.code, input.minutes),
    ...(input.link ? ["", w.link, input.link] : []),
    "",
    w.ignore,
  ].join("\n");
  const html = emailPage(
    locale,
    w.subject,
    [
      `<p>${e(w.intro)}</p>`,
      `<p>${e(w.code(input.code, input.minutes))}</p>`,
      `<p style="font-size: 28px; letter-spacing: 4px"><b>${e(input.code)}</b></p>`,
      input.link ? `<p>${e(w.link)}<br><a href="${e(input.link)}">${e(input.link)}</a></p>` : "",
      `<p><small>${e(w.ignore)}</small></p>`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return { subject: w.subject, text, html, sms: w.sms(input.code, input.minutes) };
}

const CLAIM: Record<MessageLocale, string> = {
  en: "Order again faster: set a password to turn this guest checkout into your Pizza account:",
  de: "Beim nächsten Mal schneller: Legen Sie ein Passwort fest und machen Sie diesen Gastkauf zu Ihrem Pizza-Konto:",
  ja: "次回はもっと簡単に: パスワードを設定して、このゲスト注文を Pizza アカウントにできます:",
};

/** The receipt's line for a guest: the link that turns the guest account into a full one. */
export function guestClaimLine(
  locale: string | null | undefined,
  link: string,
): { text: string; html: string } {
  const words = CLAIM[messageLocale(locale)];
  return {
    text: `${words}\n${link}`,
    html: `<p>${escapeHtml(words)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
  };
}
