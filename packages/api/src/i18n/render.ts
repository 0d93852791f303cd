// One catalog sentence with its arguments, in one locale: ICU MessageFormat (plurals, numbers) through
// intl-messageformat, money formatted for that locale before it goes in.
import { formatMoney } from "@pizza/contracts";
import { IntlMessageFormat } from "intl-messageformat";
import type { MessageArg } from "./message.ts";

const formats = new Map<string, IntlMessageFormat>();

function formatOf(template: string, locale: string): IntlMessageFormat {
  const key = `${locale}\u0000${template}`;
  let f = formats.get(key);
  if (!f) {
    f = new IntlMessageFormat(template, locale);
    formats.set(key, f);
  }
  return f;
}

const formatArg = (value: MessageArg, locale: string): string | number =>
  typeof value === "object" ? formatMoney(value.minor, value.currency, value.digits, locale) : value;

export function render(template: string, args: Record<string, MessageArg>, locale: string): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(args)) values[name] = formatArg(value, locale);
  return String(formatOf(template, locale).format(values));
}
