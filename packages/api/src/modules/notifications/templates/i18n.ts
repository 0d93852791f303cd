// The languages notifications are written in, and how a user's locale (de-AT, ja, en-GB…) picks one.
export const MESSAGE_LOCALES = ["en", "de", "ja"] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

/** The message language for a locale tag: its language if we write it, English otherwise. */
export function messageLocale(tag: string | null | undefined): MessageLocale {
  const language = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return (MESSAGE_LOCALES as readonly string[]).includes(language ?? "") ? (language as MessageLocale) : "en";
}

/** The Intl locale amounts and dates are formatted in. */
export const NUMBER_LOCALE: Record<MessageLocale, string> = { en: "en-US", de: "de-DE", ja: "ja-JP" };

/** What every template returns: an email's subject and its two parts. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}
