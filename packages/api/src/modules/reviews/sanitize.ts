/**
 * Review text is shown to other customers. The apps render it as text (never as HTML), and on top
 * of that the stored text carries no markup at all, so a future renderer, an e-mail or an export
 * cannot turn it into stored XSS:
 * - <script>, <style>, <iframe>, <object>, <embed>, <template>, <noscript> elements go with their content;
 * - every other tag and HTML comment is removed, keeping the words between tags;
 * - a "<" that starts something tag-like (a letter, "/", "!" or "?") is dropped even when unclosed,
 *   while a lone "<" as in "I <3 this" stays;
 * - control characters (except line breaks and tabs), bidirectional overrides and marks (U+061C too), zero-width spaces
 *   and byte-order marks are removed (they hide or reorder text); the zero-width joiner stays
 *   because emoji sequences need it;
 * - runs of spaces are collapsed, more than two consecutive line breaks become two, and the result is
 *   trimmed and NFC-normalized. Text that is empty afterwards is stored as null.
 * HTML entities are left as typed (`&lt;` stays the four characters), since the apps show text.
 */
const DANGEROUS_ELEMENTS = /<(script|style|iframe|object|embed|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?(-->|$)/g;
const TAGS = /<\/?[a-zA-Z!?][^<>]*>/g;
const TAG_OPENERS = /<+(?=[a-zA-Z/!?])/g;
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

export function sanitizeReviewText(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    // Control characters go first, so that removing one cannot join a "<" to a letter afterwards.
    .replace(CONTROL, "")
    .replace(DANGEROUS_ELEMENTS, " ")
    .replace(COMMENTS, " ")
    .replace(TAGS, " ")
    .replace(TAG_OPENERS, "")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text.length > 0 ? text : null;
}
