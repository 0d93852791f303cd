import { z } from "zod";
import { ZLocaleTag } from "../../infra/text-input.ts";

/** The one locale rule (infra/text-input.ts), optional wherever a locale may be given. */
export const ZLocale = ZLocaleTag.optional();

const id = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(80, `${label} is too long.`)
    .regex(/^[\w:-]*$/, `${label} has unexpected characters.`);

export const ZToppingChoice = z.object({
  id: id("Topping"),
  placement: z.enum(["whole", "left", "right"]).default("whole"),
  portion: z.enum(["normal", "extra"]).default("normal"),
});

/** One line of a cart as a client sends it. Prices are never part of it: the server prices. */
export const ZCartLine = z.object({
  itemId: id("Item"),
  /** For pizzas the size id (small, medium…); for other items the variant (6pc, 500ml…). */
  variant: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\w-]*$/, "Variant has unexpected characters.")
    .optional(),
  /** Alias of `variant` for pizzas. */
  size: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\w-]*$/, "Size has unexpected characters.")
    .optional(),
  quantity: z
    .number()
    .int("Quantity must be a whole number.")
    .min(1, "Quantity must be at least 1.")
    .max(20, "At most 20 of one item per line.")
    .default(1),
  crust: id("Crust").optional(),
  sauce: id("Sauce").optional(),
  cheese: z.enum(["none", "light", "normal", "extra"]).optional(),
  toppings: z.array(ZToppingChoice).max(30, "That is too many toppings.").optional(),
  /** Option keys (`wing_sauce:bbq`) or bare option ids (`bbq`). */
  options: z.array(id("Option")).max(20, "Too many options.").optional(),
});
export type TCartLine = z.infer<typeof ZCartLine>;
export type TCartLineInput = z.input<typeof ZCartLine>;

export const ZCart = z
  .array(ZCartLine)
  .min(1, "Your cart is empty.")
  .max(50, "A cart holds at most 50 lines.");

export const ZLocation = z.object({
  lat: z
    .number()
    .min(-90, "Latitude must be between -90 and 90.")
    .max(90, "Latitude must be between -90 and 90."),
  lng: z
    .number()
    .min(-180, "Longitude must be between -180 and 180.")
    .max(180, "Longitude must be between -180 and 180."),
});

export const ZGetMenuRequest = z
  .object({
    storeId: z.uuid("Store id must be a UUID.").optional(),
    /** Find the store that delivers to this location (the nearest open one whose zone contains it). */
    location: ZLocation.optional(),
    locale: ZLocale,
  })
  .refine((v) => v.storeId || v.location, { message: "Choose a store or give a delivery location." });
export type TGetMenuRequest = z.infer<typeof ZGetMenuRequest>;
