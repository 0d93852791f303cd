// The verification code as a text message: the code first (phones offer it for autofill), in one segment
// in every locale (GSM-7 for en and de, UCS-2 for ja). And the notice to a number that already has an
// account when someone signs up with it again (no code), also in one segment.
import { type MessageLocale, messageLocale } from "./i18n.ts";
import { plainSms } from "./sms-text.ts";

const WORDS: Record<MessageLocale, { subject: string; text: (code: string, minutes: number) => string }> = {
  en: {
    subject: "Your verification code",
    text: (c, m) => `${c} is your Pizza code. It expires in ${m} minutes.`,
  },
  de: {
    subject: "Ihr Bestätigungscode",
    text: (c, m) => `${c} ist Ihr Pizza-Code. Er ist ${m} Minuten gültig.`,
  },
  ja: { subject: "確認コード", text: (c, m) => `${c} はPizzaの確認コードです。有効期限は${m}分です。` },
};

export function verificationCodeSms(input: {
  locale: string | null | undefined;
  code: string;
  minutes: number;
}): {
  subject: string;
  text: string;
} {
  const w = WORDS[messageLocale(input.locale)];
  return { subject: w.subject, text: plainSms(w.text(input.code, input.minutes)) };
}

const NOTICE: Record<MessageLocale, string> = {
  en: "Someone tried to sign up for Pizza with this number, which already has an account. If it was you, just sign in; if not, ignore this. Nothing changed.",
  de: "Jemand wollte sich mit dieser Nummer bei Pizza registrieren, die schon ein Konto hat. Waren Sie es, melden Sie sich an; sonst ignorieren.",
  ja: "この番号でPizzaの新規登録が試みられましたが、既にアカウントがあります。心当たりがなければ無視してください。",
};

export function signUpNoticeSms(input: { locale: string | null | undefined }): {
  subject: string;
  text: string;
} {
  return {
    subject: "Someone tried to create an account with your number",
    text: plainSms(NOTICE[messageLocale(input.locale)]),
  };
}
