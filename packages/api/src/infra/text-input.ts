// Input hygiene shared by the schemas of every module (issue 14, finding 9): one locale rule, and
// names that cannot hide or reorder what others see.
import { z } from "zod";

/**
 * Characters that reorder or hide text without being visible themselves: bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), the LTR/RTL/Arabic letter marks (U+200E,
 * U+200F, U+061C), zero-width space and word joiner (U+200B, U+2060), the byte-order mark (U+FEFF)
 * and every C0/C1 control character. A "Pat\u202Egnp.exe" would otherwise display as "Patexe.png".
 * The zero-width (non-)joiners U+200C/U+200D stay: Persian, Indic scripts and emoji need them.
 */
export const INVISIBLE_CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** A name or short label as people should see it: NFC, no invisible controls, one space between words. */
export function plainName(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\t\n\r\u2028\u2029]/g, " ")
    .replace(INVISIBLE_CONTROLS, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A person's name (register, guest, profile): cleaned first, then measured. */
export const ZPersonName = z
  .string()
  .overwrite(plainName)
  .min(1, "Tell us your name.")
  .max(100, "Name is too long (100 characters at most).");

const MAX_LOCALE = 35;
const LOCALE_SHAPE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** The canonical form of a BCP 47 language tag ("zh-hant-tw" → "zh-Hant-TW"); undefined when it is not one. */
export function canonicalLocale(raw: string): string | undefined {
  if (raw.length > MAX_LOCALE || !LOCALE_SHAPE.test(raw)) return undefined;
  try {
    return Intl.getCanonicalLocales(raw)[0];
  } catch {
    return undefined;
  }
}

const LOCALE_MESSAGE = "Locale must be a language tag such as en, en-US or zh-Hant-TW.";

/** The one locale rule, for every input that has a locale: a BCP 47 tag, stored canonically. */
export const ZLocaleTag = z
  .string()
  .trim()
  .refine((v) => canonicalLocale(v) !== undefined, { message: LOCALE_MESSAGE })
  .transform((v) => canonicalLocale(v) as string);
