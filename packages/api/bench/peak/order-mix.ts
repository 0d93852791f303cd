// What a Super Bowl evening's customers order: about 70 % delivery and 30 % carryout, one to four lines
// built with the builder's options (size, crust, cheese, extra toppings, wing sauces and dips), a promo
// code on some orders, and how they pay: most by card (a few declined, then paid with another card; a few
// asked for 3-D Secure), the rest in cash. A seeded generator makes the same run send the same orders.
import type { TCartLineInput } from "../../src/modules/menu/menu.schemas.ts";
import { TEST_CARDS } from "../../src/modules/payments/gateway/payment-gateway.ts";
import { aCarryoutOrder, aDeliveryOrder, aPizza, aSide } from "../../src/testing/builders.ts";
import type { PeakStore } from "./stores.ts";

export type Payment = "cash" | "card" | "card-declined" | "card-3ds";

/** A small deterministic generator (mulberry32): the same seed, the same evening. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PIZZAS = ["margherita", "pepperoni", "hawaiian", "veggie_supreme", "meat_lovers", "bbq_chicken"];
const SIZES = ["small", "medium", "large", "xl"] as const;
/**
 * Crusts each size is baked with (seed-data.ts `crusts`). Not gluten free: the demo stores keep it as
 * counted stock that runs out within seconds, and the menu would not offer it then.
 */
const CRUSTS: Record<(typeof SIZES)[number], string[]> = {
  small: ["hand_tossed", "pan"],
  medium: ["hand_tossed", "thin", "pan"],
  large: ["hand_tossed", "thin", "pan", "stuffed"],
  xl: ["hand_tossed", "thin", "stuffed"],
};
const TOPPINGS = ["mushrooms", "onions", "green_peppers", "black_olives", "jalapenos", "bacon", "ham"];

function aPizzaLine(r: () => number): TCartLineInput {
  const size = pick(r, SIZES);
  const own = r() < 0.25;
  return aPizza({
    itemId: own ? "build_your_own" : pick(r, PIZZAS),
    variant: size,
    crust: pick(r, CRUSTS[size]),
    quantity: r() < 0.8 ? 1 : 2,
    ...(r() < 0.2 ? { cheese: pick(r, ["light", "extra"] as const) } : {}),
    ...(own
      ? {
          toppings: [pick(r, TOPPINGS), pick(r, TOPPINGS)]
            .filter((t, i, all) => all.indexOf(t) === i)
            .map((id) => ({ id, placement: pick(r, ["whole", "left", "right"] as const) })),
        }
      : {}),
  });
}

function aSideLine(r: () => number): TCartLineInput {
  switch (Math.floor(r() * 3)) {
    case 0:
      return { ...aSide("chicken_wings", pick(r, ["6pc", "12pc"])), options: wingOptions(r) };
    case 1:
      return aSide("garlic_bread", pick(r, ["4pc", "8pc"]));
    default:
      return aSide("cola", pick(r, ["500ml", "1500ml"]), r() < 0.5 ? 1 : 2);
  }
}

function wingOptions(r: () => number): string[] {
  const sauce = `wing_sauce:${pick(r, ["buffalo", "bbq", "honey_garlic"])}`;
  return r() < 0.5 ? [sauce] : [sauce, `wing_dip:${pick(r, ["ranch", "blue_cheese"])}`];
}

export interface PeakOrder {
  input: ReturnType<typeof aDeliveryOrder>;
  payment: Payment;
}

/** The next order of the evening at `store`. */
export function nextOrder(r: () => number, store: PeakStore): PeakOrder {
  const delivery = r() < 0.7;
  const lines = 1 + Math.floor(r() * 4);
  const items = [
    aPizzaLine(r),
    ...Array.from({ length: lines - 1 }, () => (r() < 0.5 ? aPizzaLine(r) : aSideLine(r))),
  ];
  // Promo codes (demoPromos) every customer may use again, with what each needs in the cart:
  // FREEDELIVERY a subtotal over 15 in any currency (an XL pizza), FREECOLA a cola to give away.
  // WELCOME10 is once per customer, MIDTOWN20 has 100 uses.
  const promo = r() < 0.15 ? (delivery && r() < 0.5 ? "FREEDELIVERY" : "FREECOLA") : undefined;
  // A delivery starts at a large pizza: under the delivery minimum (€12, ¥1,500) the store says so.
  if (delivery && (items[0]!.variant === "small" || items[0]!.variant === "medium"))
    items[0] = { ...items[0]!, variant: "large", crust: "hand_tossed" };
  if (promo === "FREEDELIVERY") items[0] = { ...items[0]!, variant: "xl", crust: "hand_tossed" };
  if (promo === "FREECOLA") items.push(aSide("cola", "500ml"));
  const card = r() < (delivery ? 0.85 : 0.5);
  const roll = r();
  const payment: Payment = !card ? "cash" : roll < 0.05 ? "card-declined" : roll < 0.1 ? "card-3ds" : "card";
  const common = {
    items,
    paymentMethod: card ? ("card" as const) : ("cash" as const),
    ...(promo ? { promoCode: promo } : {}),
  };
  const input = delivery
    ? aDeliveryOrder(store.id, { ...common, tip: store.tips && r() < 0.5 ? 200 : 0 }, store.near)
    : aCarryoutOrder(store.id, common);
  return { input, payment };
}

/** The card a payment is first tried with. */
export function cardFor(payment: Payment): string {
  if (payment === "card-declined") return TEST_CARDS.declined;
  if (payment === "card-3ds") return TEST_CARDS.requires3ds;
  return TEST_CARDS.succeeds;
}
