// Saying a server message in the caller's language: the catalogs (en, de, ja), a locale tag narrowed to
// one of them, and `translate`, used by the tRPC error formatter, the REST routes and non-error text
// (promo notes, cancel reasons). A language without a catalog, or no language at all, is English.
import type { Message, MessageArgs, MessageKey } from "./message.ts";
import { de } from "./messages/de.ts";
import { en } from "./messages/en.ts";
import { ja } from "./messages/ja.ts";
import { render } from "./render.ts";

export const CATALOGS = { en, de, ja } as const satisfies Record<string, Record<MessageKey, string>>;
export type CatalogLanguage = keyof typeof CATALOGS;

/** The Intl tag used for a bare language ("de" → "de-DE"), so money reads as it does in the apps. */
const DEFAULT_TAG: Record<CatalogLanguage, string> = { en: "en-US", de: "de-DE", ja: "ja-JP" };

const isCatalogLanguage = (v: string): v is CatalogLanguage => v in CATALOGS;

/** "de-DE", "de", "DE-at" → a canonical tag the server speaks ("de-DE", "de-AT"); anything else undefined. */
export function spokenLocale(tag: string | null | undefined): string | undefined {
  const trimmed = tag?.trim();
  if (!trimmed) return undefined;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(trimmed)[0] ?? "";
  } catch {
    return undefined;
  }
  const language = canonical.split("-")[0]!.toLowerCase();
  if (!isCatalogLanguage(language)) return undefined;
  return canonical.includes("-") ? canonical : DEFAULT_TAG[language];
}

/** The first language of an `Accept-Language` header (by weight) that the server speaks. */
export function fromAcceptLanguage(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) {
    const spoken = spokenLocale(r.tag);
    if (spoken) return spoken;
  }
  return undefined;
}

export const DEFAULT_LOCALE = "en-US";

/** The language the request's headers ask for, without looking up the account (synchronous callers). */
export const hintedLocale = (hints: {
  chosenLocale?: string | undefined;
  acceptLanguage?: string | undefined;
}) => spokenLocale(hints.chosenLocale) ?? fromAcceptLanguage(hints.acceptLanguage);

/** A catalog message in `locale` (a tag from `spokenLocale`, or anything: unknown means English). */
export function translate(
  message: { key: MessageKey; args?: MessageArgs | undefined },
  locale?: string,
): string {
  const tag = spokenLocale(locale) ?? DEFAULT_LOCALE;
  const language = tag.split("-")[0] as CatalogLanguage;
  return render(CATALOGS[language][message.key], message.args ?? {}, tag);
}

/** An error's sentence for the caller: its catalog message in their language, else its English text. */
export function sayError(
  error: { message: string; key?: MessageKey | undefined; args?: MessageArgs | undefined },
  locale?: string,
) {
  return error.key ? translate({ key: error.key, args: error.args }, locale) : error.message;
}

/** Non-error text that may be a catalog message (a promo note) or already a sentence. */
export const say = (text: Message | string, locale?: string) =>
  typeof text === "string" ? text : translate(text, locale);
