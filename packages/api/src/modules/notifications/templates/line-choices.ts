// A receipt line's choices in words, in the customer's language: crust and sauce with their label, cheese
// other than normal, toppings (with half and portion) and options, each by the menu's own name
// (`menu/option-names.ts`); an id the menu no longer names is written as words ("honey garlic").
import type { OrderItemConfig } from "@pizza/db";
import type { MessageLocale } from "./i18n.ts";

type Name = (entity: "crust" | "sauce" | "cheese" | "topping" | "option", id: string) => string | undefined;

const WORDS: Record<
  MessageLocale,
  { crust: string; sauce: string; left: string; right: string; extra: string; sep: string }
> = {
  en: { crust: "Crust", sauce: "Sauce", left: "left half", right: "right half", extra: "extra", sep: ", " },
  de: {
    crust: "Boden",
    sauce: "Soße",
    left: "linke Hälfte",
    right: "rechte Hälfte",
    extra: "extra",
    sep: ", ",
  },
  ja: { crust: "生地", sauce: "ソース", left: "左半分", right: "右半分", extra: "増量", sep: "、" },
};

/** An id in words, for a choice the menu no longer names. */
export const idWords = (id: string) => (id.split(":").pop() ?? id).replace(/[_-]+/g, " ");

export function choiceWords(config: OrderItemConfig, locale: MessageLocale, name: Name): string[] {
  const w = WORDS[locale];
  const named = (entity: Parameters<Name>[0], id: string) => name(entity, id) ?? idWords(id);
  const out: string[] = [];
  if (config.crust) out.push(`${w.crust}: ${named("crust", config.crust)}`);
  if (config.sauce) out.push(`${w.sauce}: ${named("sauce", config.sauce)}`);
  if (config.cheese && config.cheese !== "normal") out.push(named("cheese", config.cheese));
  for (const t of config.toppings ?? []) {
    const half = t.placement === "left" ? w.left : t.placement === "right" ? w.right : "";
    const detail = [half, t.portion === "extra" ? w.extra : ""].filter(Boolean).join(w.sep);
    const topping = named("topping", t.id);
    out.push(detail ? `${topping} (${detail})` : topping);
  }
  for (const o of config.options ?? []) out.push(named("option", o));
  return out;
}
