// A sentence the server says to a customer, as a catalog key and its arguments, so it can be said in the
// caller's language (`translate.ts`). `text` is the English sentence: logs, staff tools and callers that
// never pass a language read it.
import { en, type MessageKey } from "./messages/en.ts";
import { render } from "./render.ts";

/** An amount in integer minor units; formatted in the reader's locale when the message is said. */
export interface MoneyArg {
  minor: number;
  currency: string;
  /** Digits after the decimal point (2 for EUR/USD, 0 for JPY). */
  digits: number;
}

export type MessageArg = string | number | MoneyArg;
export type MessageArgs = Record<string, MessageArg>;

export interface Message {
  key: MessageKey;
  args: MessageArgs;
  /** The English sentence. */
  text: string;
}

export const isMessage = (v: unknown): v is Message =>
  typeof v === "object" && v !== null && typeof (v as Message).key === "string" && (v as Message).key in en;

/** `msg("order.minimum", { minimum: money })`: a catalog sentence with its arguments. */
export function msg(key: MessageKey, args: MessageArgs = {}): Message {
  return { key, args, text: render(en[key], args, "en-US") };
}

/**
 * A catalog message kept as its key and arguments (e.g. `orders.cancel_reason_key` and `_args`); null when
 * none was kept, or when the key has since left the catalog (the stored English text is said instead).
 */
export function storedMessage(key: string | null, args: MessageArgs | null): Message | null {
  if (!key || !(key in en)) return null;
  return msg(key as MessageKey, args ?? {});
}

/** A catalog key named in code outside `msg(…)` (the catalog test finds keys by these two calls). */
export const messageKey = <K extends MessageKey>(key: K): K => key;

export const moneyArg = (minor: number, currency: string, digits: number): MoneyArg => ({
  minor,
  currency,
  digits,
});

export type { MessageKey };
