// Issue 22, menu management: what an admin sends to create and edit menu items, toppings, crusts and
// sauces, to price them per region (now or from a moment on), to offer them per region, and to read an
// entity's history. Flat objects, so each message sits under its field in the console's form.
import { z } from "zod";

export const MENU_LOCALES = ["en", "de", "ja"] as const;
export const ITEM_KINDS = ["pizza", "side", "dessert", "drink"] as const;
export const TAX_CATEGORIES = ["food", "soft_drink", "alcohol"] as const;
export const EDITABLE_ENTITIES = ["item", "topping", "crust", "sauce"] as const;
export const PRICED_ENTITIES = ["item", "topping", "crust", "cheese", "option"] as const;

const ZId = (what: string) =>
  z
    .string(`Enter an id for the ${what}.`)
    .trim()
    .regex(/^[a-z0-9][a-z0-9_]{1,39}$/, "An id is 2 to 40 lower-case letters, digits and underscores.");
const ZName = (language: string) =>
  z
    .string(`Enter the ${language} name.`)
    .trim()
    .min(1, `Enter the ${language} name.`)
    .max(80, `Keep the ${language} name under 80 characters.`);
const ZDescription = (language: string) =>
  z.string().trim().max(400, `Keep the ${language} description under 400 characters.`).optional();
export const ZRegionCode = z
  .string("Say which region.")
  .regex(/^[a-z]{2,8}$/, "A region code is 2 to 8 lower-case letters, e.g. us.");

const names = {
  nameEn: ZName("English"),
  nameDe: ZName("German"),
  nameJa: ZName("Japanese"),
};

export const ZVariantInput = z.object({
  id: z
    .string("Enter the variant's id, e.g. 500ml.")
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9_]{0,19}$/,
      "A variant id is 1 to 20 lower-case letters, digits and underscores.",
    ),
  ...names,
});

export const ZSaveItem = z.object({
  id: ZId("item"),
  categoryId: z.string("Choose a category.").trim().min(1, "Choose a category."),
  kind: z.enum(ITEM_KINDS, "Choose what it is: a pizza, a side, a dessert or a drink."),
  taxCategory: z.enum(TAX_CATEGORIES, "Choose how it is taxed: food, soft drink or alcohol.").default("food"),
  ...names,
  descriptionEn: ZDescription("English"),
  descriptionDe: ZDescription("German"),
  descriptionJa: ZDescription("Japanese"),
  /** How a side, dessert or drink comes (pizzas come in the sizes); added or renamed, never removed here. */
  variants: z.array(ZVariantInput).max(8, "An item has at most 8 variants.").default([]),
  active: z.boolean().default(true),
});
export type TSaveItem = z.infer<typeof ZSaveItem>;

export const ZSaveIngredient = z.object({
  entity: z.enum(["topping", "crust", "sauce"], "Say whether it is a topping, a crust or a sauce."),
  id: ZId("ingredient"),
  ...names,
  /** Toppings only. */
  toppingKind: z.enum(["meat", "veggie", "cheese"], "Choose meat, veggie or cheese.").optional(),
  premium: z.boolean().optional(),
});
export type TSaveIngredient = z.infer<typeof ZSaveIngredient>;

export const ZSetMenuPrice = z.object({
  regionCode: ZRegionCode,
  entity: z.enum(PRICED_ENTITIES, "Say what is priced."),
  entityId: z.string("Say which one.").trim().min(1, "Say which one.").max(80, "That id is too long."),
  /** The size for pizzas, toppings and crusts; the variant of a side or drink; '' when there is none. */
  variant: z.string().trim().max(40, "That variant id is too long.").default(""),
  amount: z
    .number("Enter the price in minor units (cents, yen).")
    .int("A price is a whole number of minor units (cents, yen).")
    .min(0, "A price cannot be negative.")
    .max(10_000_000, "That price is too large."),
  /** From when (ISO 8601); absent: at once. */
  from: z.iso
    .datetime({
      offset: true,
      message: "Enter the date and time the price starts, e.g. 2027-01-01T00:00:00Z.",
    })
    .optional(),
});
export type TSetMenuPrice = z.infer<typeof ZSetMenuPrice>;

export const ZSetRegionAvailability = z.object({
  regionCode: ZRegionCode,
  entity: z.enum(EDITABLE_ENTITIES, "Say what is offered."),
  entityId: z.string("Say which one.").trim().min(1, "Say which one.").max(80, "That id is too long."),
  available: z.boolean("Say whether it is offered."),
});
export type TSetRegionAvailability = z.infer<typeof ZSetRegionAvailability>;

export const ZCancelScheduledPrice = z.object({
  id: z.uuid("Say which scheduled price to cancel (its id from the catalogue)."),
});
export type TCancelScheduledPrice = z.infer<typeof ZCancelScheduledPrice>;

export const ZMenuHistoryInput = z.object({
  entity: z.enum([...EDITABLE_ENTITIES, "cheese"], "Say whose history."),
  entityId: z.string("Say which one.").trim().min(1, "Say which one.").max(80, "That id is too long."),
});

export const ZCatalogueInput = z.object({ regionCode: ZRegionCode });

const ZNames = z.object({ en: z.string(), de: z.string().nullable(), ja: z.string().nullable() });
const ZScheduled = z.object({
  /** What `cancelScheduledPrice` is given. */
  id: z.string(),
  variant: z.string(),
  amount: z.number().int(),
  from: z.string(),
});

export const ZCatalogueEntry = z.object({
  entity: z.enum(EDITABLE_ENTITIES),
  id: z.string(),
  kind: z.string(),
  categoryId: z.string().nullable(),
  taxCategory: z.string().nullable(),
  active: z.boolean(),
  premium: z.boolean(),
  names: ZNames,
  descriptions: ZNames,
  variants: z.array(z.object({ id: z.string(), names: ZNames })),
  /** The region's price in force now, per variant ('' when none). */
  prices: z.record(z.string(), z.number().int()),
  scheduled: z.array(ZScheduled),
  available: z.boolean(),
});
export type TCatalogueEntry = z.infer<typeof ZCatalogueEntry>;

/** A cheese level (priced per size) or an item's option (`group:option`, priced once). */
export const ZPricedExtra = z.object({
  entity: z.enum(["cheese", "option"]),
  id: z.string(),
  /** The option's item; null for a cheese level. */
  itemId: z.string().nullable(),
  name: z.string(),
  prices: z.record(z.string(), z.number().int()),
  scheduled: z.array(ZScheduled),
});
export type TPricedExtra = z.infer<typeof ZPricedExtra>;

export const ZMenuCatalogue = z.object({
  regionCode: z.string(),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
  sizes: z.array(z.object({ id: z.string(), name: z.string() })),
  entries: z.array(ZCatalogueEntry),
  /** Cheese levels and options: priced like entries, edited nowhere else. */
  extras: z.array(ZPricedExtra),
});
export type TMenuCatalogue = z.infer<typeof ZMenuCatalogue>;

export const ZMenuChange = z.object({
  id: z.string(),
  action: z.string(),
  regionCode: z.string().nullable(),
  changedBy: z.string(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type TMenuChange = z.infer<typeof ZMenuChange>;
