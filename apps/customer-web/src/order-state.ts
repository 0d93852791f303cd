import type { AppRouter } from "@pizza/api/router";
import { MAX_LINE_QUANTITY, mergeCartLines } from "@pizza/contracts";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useSyncExternalStore } from "react";

type Out = inferRouterOutputs<AppRouter>;
type In = inferRouterInputs<AppRouter>;
export type MenuData = Out["menu"]["getMenu"];
export type MenuItem = MenuData["items"][number];
export type CartLineInput = In["order"]["quote"]["items"][number];
export type Quote = Out["order"]["quote"];
export type StoreInfo = Out["store"]["list"][number];
export type OrderView = Out["order"]["getOrder"];
export type OrderLine = OrderView["items"][number];
export type OrderChange = Out["order"]["updateOrder"];
export type TrackView = Out["order"]["trackOrder"];
export type DeliveryStatus = Out["delivery"]["getDeliveryStatus"];

/** How this order starts: delivery to a place, or carryout from a store; ASAP or at a time. */
export interface Start {
  channel: "delivery" | "carryout";
  storeId: string;
  storeName: string;
  regionCode: string;
  location?: { lat: number; lng: number };
  address?: {
    line1: string;
    line2?: string | null;
    city: string;
    postalCode?: string | null;
    notes?: string | null;
  };
  /** ISO time, or absent for ASAP. */
  scheduledFor?: string;
}

export interface CartLine {
  /** Local id, for editing and keys. */
  key: string;
  /** What the customer sees before the server prices it. */
  name: string;
  line: CartLineInput;
}

export interface Cart {
  lines: CartLine[];
  promoCode?: string;
  /** A loyalty reward of the store's region (loyalty.rewards), spent when the order is placed. */
  rewardId?: string;
  tip: number;
}

const START_KEY = "pizza.customer-web.start";
const CART_KEY = "pizza.customer-web.cart";

function persisted<T>(key: string, initial: T) {
  let value: T = initial;
  try {
    const raw = typeof localStorage === "undefined" ? null : localStorage.getItem(key);
    if (raw) value = JSON.parse(raw) as T;
  } catch {
    value = initial;
  }
  const listeners = new Set<() => void>();
  const store = {
    get: () => value,
    set(next: T) {
      value = next;
      try {
        if (next === null) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Private mode or full storage: the session still works, it is just not remembered.
      }
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
  if (typeof window !== "undefined") {
    window.addEventListener("storage", (e) => {
      if (e.key !== key) return;
      try {
        value = e.newValue ? (JSON.parse(e.newValue) as T) : initial;
      } catch {
        value = initial;
      }
      for (const l of listeners) l();
    });
  }
  return store;
}

export const startStore = persisted<Start | null>(START_KEY, null);
export const cartStore = persisted<Cart>(CART_KEY, { lines: [], tip: 0 });
// A cart saved before identical lines were merged is merged once on load, so the quote's lines (which
// the server merges) stay one for one with the cart's.
if (cartStore.get().lines.length !== mergedLines(cartStore.get().lines).length)
  cartStore.set({ ...cartStore.get(), lines: mergedLines(cartStore.get().lines) });

export function useStart(): Start | null {
  return useSyncExternalStore(startStore.subscribe, startStore.get, startStore.get);
}
export function useCart(): Cart {
  return useSyncExternalStore(cartStore.subscribe, cartStore.get, cartStore.get);
}

export function setStart(start: Start) {
  const previous = startStore.get();
  // Another store has another menu: a cart built elsewhere would only be refused line by line.
  if (previous && previous.storeId !== start.storeId && cartStore.get().lines.length > 0) {
    cartStore.set({ lines: [], tip: 0 });
  }
  startStore.set(start);
}

export const newKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * Adds a line, or replaces the one being edited. A line identical to one in the cart (everything but the
 * quantity) is merged into it, by the rule the server's quote merges with (@pizza/contracts), up to the
 * most one line takes.
 */
export function addLine(name: string, line: CartLineInput, replaceKey?: string) {
  const cart = cartStore.get();
  const lines = replaceKey
    ? cart.lines.map((l) => (l.key === replaceKey ? { key: l.key, name, line } : l))
    : [...cart.lines, { key: newKey(), name, line }];
  cartStore.set({ ...cart, lines: mergedLines(lines) });
}

function mergedLines(lines: CartLine[]): CartLine[] {
  return mergeCartLines(
    lines,
    (l) => l.line,
    (l, quantity) => ({ ...l, line: { ...l.line, quantity } }),
    MAX_LINE_QUANTITY,
  );
}

export function updateCart(patch: Partial<Cart>) {
  cartStore.set({ ...cartStore.get(), ...patch });
}

export const cartCount = (cart: Cart) => cart.lines.reduce((n, l) => n + (l.line.quantity ?? 1), 0);

/** Where to go first: a menu needs a store. */
export function menuPath(start: Start | null) {
  return start ? "/menu" : "/start";
}

/** A placed order's line as a cart line again (what `order.updateOrder` takes), optionally re-counted. */
export function orderLineAsCart(l: OrderLine, quantity = l.quantity): CartLineInput {
  const c = l.config;
  return {
    itemId: l.itemId,
    ...(l.variant ? { variant: l.variant } : {}),
    quantity,
    ...(c.crust ? { crust: c.crust } : {}),
    ...(c.sauce ? { sauce: c.sauce } : {}),
    ...(c.cheese ? { cheese: c.cheese } : {}),
    ...(c.toppings ? { toppings: c.toppings } : {}),
    ...(c.options && c.options.length > 0 ? { options: c.options } : {}),
  };
}

/**
 * The outcome of the last change to an order (new total, what it did to the payment), kept in memory
 * so the tracker can say it after the builder saved a changed line and went back to it.
 */
let lastChange: { orderId: string; previousTotal: number; change: OrderChange } | null = null;
export function rememberOrderChange(orderId: string, previousTotal: number, change: OrderChange) {
  lastChange = { orderId, previousTotal, change };
}
export function takeOrderChange(orderId: string) {
  const found = lastChange?.orderId === orderId ? lastChange : null;
  if (found) lastChange = null;
  return found;
}
