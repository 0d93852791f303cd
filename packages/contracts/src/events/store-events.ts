// Payloads of what a store or the menu changed: consumers invalidate what they derived from it.
import { z } from "zod";
import { Id, IsoTime, Minor } from "./fields.ts";

const StockEntity = z.enum(["item", "topping", "crust", "sauce", "option"]);
const PriceEntity = z.enum(["item", "topping", "crust", "cheese", "option"]);

/** A store's switches or today's hours changed (`changes` holds only what changed). */
export const StoreChanged = z.object({
  storeId: Id,
  changes: z.object({
    accepting_orders: z.boolean().optional(),
    delivery_paused: z.boolean().optional(),
    kitchen_capacity: z.number().int().optional(),
    /** Today's local day: new hours, closed all day, or back to the weekly hours. */
    todayHours: z
      .object({
        day: z.string(),
        opens: z.string().optional(),
        closes: z.string().optional(),
        closed: z.boolean().optional(),
        weekly: z.boolean().optional(),
      })
      .optional(),
  }),
  by: Id,
  at: IsoTime,
});

/** One store marked something out of stock (or back), optionally with a counted stock. */
const StockChanged = z.object({
  storeId: Id,
  entity: StockEntity,
  entityId: z.string(),
  available: z.boolean(),
  stock: z.number().int().nullable(),
  by: Id,
});

/** One store's own price (`amount: null`: back to the region's list price). */
const StorePriceChanged = z.object({
  storeId: Id,
  storePrice: z.object({
    storeId: Id,
    entity: PriceEntity,
    entityId: z.string(),
    variant: z.string(),
    amount: Minor.nullable(),
    listAmount: Minor,
  }),
  by: Id,
});

/** A region's list price (admins). */
const RegionPriceChanged = z.object({
  regionCode: z.string(),
  price: z.object({
    regionCode: z.string(),
    entity: PriceEntity,
    entityId: z.string(),
    variant: z.string(),
    amount: Minor,
  }),
  by: Id,
});

export const MenuChanged = z.union([StockChanged, StorePriceChanged, RegionPriceChanged]);

export const STORE_EVENTS = {
  "menu.changed": MenuChanged,
  "store.changed": StoreChanged,
} as const;
