// Non-error text a customer reads, said in their language at the procedure's edge (before the output
// schema strips the helpers): a string `x` next to its catalog message `xMessage` becomes that message
// in the caller's language (promo notes on quotes, a cancel reason the server wrote from the catalog).
// Sentences people typed have no message beside them and stay as they are.
import { callerLocale } from "./caller-locale.ts";
import { isMessage } from "./message.ts";
import { translate } from "./translate.ts";

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
