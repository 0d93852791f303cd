import type { DealRule, MenuKind, TaxCategory, TaxMode, TaxRates } from "../pricing/pricing.ts";
import type { HourOverride, WeeklyHours } from "../stores/hours.ts";
import type { MenuImage } from "./menu-images.ts";

/** Per-size prices: size id → amount in minor units. A crust only comes in the sizes listed. */
export type SizePrices = Record<string, number>;

export interface MenuItemVariant {
  /** Size id for pizzas, variant id for the rest ('' when the item has only one form). */
  id: string;
  name: string;
  price: number;
}

export interface MenuOption {
  id: string;
  /** `${groupId}:${optionId}`, the key of its price and stock rows. */
  key: string;
  name: string;
  price: number;
  available: boolean;
}

export interface MenuOptionGroup {
  id: string;
  name: string;
  min: number;
  max: number;
  options: MenuOption[];
}

export interface MenuEntry {
  id: string;
  categoryId: string;
  kind: MenuKind;
  /** What it is taxed as; the region's rate for it is in `region.taxRates`. */
  taxCategory: TaxCategory;
  name: string;
  description: string | null;
  tags: string[];
  available: boolean;
  variants: MenuItemVariant[];
  defaults: { sauce: string | null; cheese: string | null; toppings: string[] };
  optionGroups: MenuOptionGroup[];
  /** Filled from the reviews' rating aggregates; null until an item has ratings. */
  rating: { average: number; count: number } | null;
  /** Its picture (menu-images.ts): sizes for srcset, alt text in the menu's locale; null without one. */
  image?: MenuImage | null;
}

export interface StoreSummary {
  id: string;
  slug: string;
  name: string;
  address: string;
  phone: string | null;
  lat: number;
  lng: number;
  regionCode: string;
  timezone: string;
  hours: WeeklyHours;
  hourOverrides: HourOverride[];
  acceptingOrders: boolean;
  deliveryPaused: boolean;
  kitchenCapacity: number;
}

export interface RegionSummary {
  code: string;
  currency: string;
  currencyDigits: number;
  locale: string;
  timezone: string;
  taxMode: TaxMode;
  /** The default rate; `taxRates` holds the categories that differ (`delivery_fee: null`: follows the items). */
  taxRatePpm: number;
  taxRates: TaxRates;
  deliveryFee: number;
  minDeliverySubtotal: number;
  driverSpeedKmh: number;
  /** False where tipping is not customary (Tokyo): no tip is offered and one is refused. */
  tipsAccepted: boolean;
}

/** A store's live menu in one locale: what `menu.getMenu` returns and what orders are priced from. */
export interface Menu {
  store: StoreSummary;
  region: RegionSummary;
  locale: string;
  categories: { id: string; name: string }[];
  items: MenuEntry[];
  sizes: { id: string; name: string; diameterCm: number; maxToppings: number }[];
  crusts: { id: string; name: string; available: boolean; prices: SizePrices }[];
  sauces: { id: string; name: string; available: boolean }[];
  cheeseLevels: { id: "none" | "light" | "normal" | "extra"; name: string; prices: SizePrices }[];
  toppings: {
    id: string;
    name: string;
    kind: "meat" | "veggie" | "cheese";
    premium: boolean;
    available: boolean;
    prices: SizePrices;
  }[];
  /** The region's deals that are offered or will be (menu-deals.ts `dealsOnOffer`: those on offer now). */
  deals?: MenuDeal[];
  generatedAt: string;
  /** `entity|id` of what this store counts (stock not null): orders check stock only for these. */
  countedStock?: string[];
  /** Set when ratings could not be read (reviews off, failing or slow): the menu is shown without them. */
  ratingsUnavailable?: boolean;
  /** Set when the database read failed and this is the last good menu; placeOrder still checks live stock. */
  stale?: { ageMs: number; since: string };
  /** When the region's next scheduled price starts (issue 22): no node keeps this menu past it. */
  nextPriceChangeAt?: string;
}

/** A deal as the menu shows it and pricing applies it: named in the menu's locale, with its window. */
export interface MenuDeal extends DealRule {
  /** When it starts and ends being offered (ISO instants); null: no limit. */
  startsAt: string | null;
  endsAt: string | null;
  /** Its picture, a 4:3 card like an item's (menu-images.ts); null without one. */
  image?: MenuImage | null;
}
