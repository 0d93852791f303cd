// Non-error text a customer reads, said in their language at the procedure's edge (before the output
// schema strips the helpers): a string `x` next to its catalog message `xMessage` becomes that message
// in the caller's language (promo notes on quotes), and a cancel reason the server wrote (an unpaid order
// cancelled after its time) is said again in that language. Sentences people typed stay as they are.
import { callerLocale } from "./caller-locale.ts";
import { isMessage, type MessageKey, messageKey } from "./message.ts";
import { translate } from "./translate.ts";

/** Server-written cancel reasons (orders.cancel_reason holds their English text). */
const STORED_REASONS: MessageKey[] = [
  messageKey("order.expiredUnpaid"),
  messageKey("order.expiredChallenge"),
  messageKey("order.expiredInFlight"),
];
const SAMPLE_MINUTES = 7;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const storedPatterns = STORED_REASONS.map((key) => {
  const sample = translate({ key, args: { minutes: SAMPLE_MINUTES } }, "en-US");
  const [before, after] = sample.split(`${SAMPLE_MINUTES} minutes`) as [string, string];
  return { key, pattern: new RegExp(`^${escapeRegExp(before)}(\\d+) minutes?${escapeRegExp(after)}$`) };
});

/** A cancel reason in `locale` when the server wrote it from the catalog; anything else unchanged. */
export function sayStoredReason(text: string, locale: string): string {
  for (const { key, pattern } of storedPatterns) {
    const m = pattern.exec(text);
    if (m) return translate({ key, args: { minutes: Number(m[1]) } }, locale);
  }
  return text;
}

function walk(value: unknown, locale: string): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, locale);
    return;
  }
  if (typeof value !== "object" || value === null || value instanceof Date) return;
  const record = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(record)) {
    if (k.endsWith("Message") && isMessage(v)) {
      const base = k.slice(0, -"Message".length);
      if (typeof record[base] === "string") record[base] = translate(v, locale);
    } else if (k === "cancelReason" && typeof v === "string") {
      record[k] = sayStoredReason(v, locale);
    } else walk(v, locale);
  }
}

/** `value` (a procedure's answer, changed in place) with its notes in `locale`. */
export function sayNotes<T>(value: T, locale: string): T {
  walk(value, locale);
  return value;
}

/** The procedure's answer in the caller's language (`callerLocale`). */
export async function inCallerLanguage<T>(ctx: Parameters<typeof callerLocale>[0], value: T): Promise<T> {
  return sayNotes(value, await callerLocale(ctx));
}
