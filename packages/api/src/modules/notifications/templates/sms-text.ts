// Text for SMS: one segment where possible. Typography that is not in GSM-7 (the no-break spaces Intl puts
// in amounts, curly quotes, dashes, the ellipsis) is replaced by its plain form so an English or German
// text stays in GSM-7 (160 characters) instead of UCS-2 (70); a text still over one segment has its
// free-form part (a store's name) shortened.
import { smsSegments } from "./sms-segments.ts";

const PLAIN: Record<string, string> = {
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
};

export function plainSms(text: string): string {
  return text.replace(
    /[\u00a0\u202f\u2009\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/g,
    (c) => PLAIN[c] ?? c,
  );
}

/** `build(part)` in one segment if shortening `part` (to no less than 8 characters, with "...") can do it. */
export function fitOneSegment(build: (part: string) => string, part: string): string {
  let text = plainSms(build(part));
  for (let n = part.length - 1; smsSegments(text).segments > 1 && n >= 8; n--)
    text = plainSms(build(`${part.slice(0, n).trimEnd()}...`));
  return text;
}
