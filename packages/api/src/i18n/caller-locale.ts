// Whose language a request is answered in. The language the app shows (`x-locale`, sent by every app
// request) wins: a customer who switched the page to German reads German refusals even if their account
// says English. Then the signed-in account's saved locale, then `Accept-Language`, then English.
import type { Database, Kysely } from "@pizza/db";
import { profileRow } from "../modules/auth/user-profile.ts";
import { DEFAULT_LOCALE, fromAcceptLanguage, spokenLocale } from "./translate.ts";

export interface LocaleHints {
  /** The app's current language (`x-locale` header, or set by an in-process caller). */
  chosenLocale?: string | undefined;
  /** The request's `Accept-Language` header. */
  acceptLanguage?: string | undefined;
}

/** The hints of an HTTP request's headers. */
export function localeHints(headers: Record<string, string | string[] | undefined>): LocaleHints {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return { chosenLocale: one(headers["x-locale"]), acceptLanguage: one(headers["accept-language"]) };
}

const resolved = new WeakMap<object, Promise<string>>();

/** The caller's locale tag ("de-DE"); looked up once per request (cached on the context object). */
export function callerLocale(ctx: {
  languages: LocaleHints;
  user: { id: string } | null | undefined;
  platform: { db: Kysely<Database> };
}): Promise<string> {
  let found = resolved.get(ctx);
  if (!found) {
    found = resolveLocale(ctx.platform.db, ctx.user?.id, ctx.languages);
    resolved.set(ctx, found);
  }
  return found;
}

export async function resolveLocale(
  db: Kysely<Database>,
  userId: string | undefined,
  hints: LocaleHints,
): Promise<string> {
  const chosen = spokenLocale(hints.chosenLocale);
  if (chosen) return chosen;
  if (userId) {
    const saved = spokenLocale((await profileRow(db, userId).catch(() => undefined))?.locale);
    if (saved) return saved;
  }
  return fromAcceptLanguage(hints.acceptLanguage) ?? DEFAULT_LOCALE;
}
