// Issue 22, "their builder rules": what an admin sends to change which toppings a pizza comes with,
// which sizes a crust comes in, and how many options of an item's option group a customer picks.
// Flat objects, so each message sits under its field in the console's form.
import { z } from "zod";

const ZEntityId = (what: string) =>
  z.string(`Say which ${what}.`).trim().min(1, `Say which ${what}.`).max(80, "That id is too long.");

export const ZSetDefaultToppings = z.object({
  itemId: ZEntityId("pizza"),
  toppings: z
    .array(z.string().trim().min(1, "A topping id cannot be empty."), "List the toppings it comes with.")
    .max(20, "A pizza comes with at most 20 toppings."),
});
export type TSetDefaultToppings = z.infer<typeof ZSetDefaultToppings>;

export const ZSetCrustSizes = z.object({
  crustId: ZEntityId("crust"),
  sizes: z
    .array(z.string().trim().min(1, "A size id cannot be empty."), "Choose the sizes it comes in.")
    .min(1, "Choose at least one size; to stop selling a crust, switch it off instead.")
    .max(20, "That is more sizes than there are."),
});
export type TSetCrustSizes = z.infer<typeof ZSetCrustSizes>;

const ZChoices = (what: string) =>
  z
    .number(`Enter the ${what} number of choices.`)
    .int(`The ${what} number of choices is a whole number.`)
    .min(0, `The ${what} number of choices cannot be negative.`)
    .max(50, `The ${what} number of choices is at most 50.`);

export const ZSetOptionGroupRules = z.object({
  groupId: ZEntityId("option group"),
  min: ZChoices("least"),
  max: ZChoices("most").min(1, "A customer must be able to choose at least one."),
});
export type TSetOptionGroupRules = z.infer<typeof ZSetOptionGroupRules>;

export const ZBuilderRules = z.object({
  /** Each pizza's default toppings, in order. */
  pizzas: z.array(z.object({ id: z.string(), toppings: z.array(z.string()) })),
  /** Each crust's sizes, in size order. */
  crusts: z.array(z.object({ id: z.string(), sizes: z.array(z.string()) })),
  /** Each option group with its item, rules and how many options it has. */
  optionGroups: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      min: z.number().int(),
      max: z.number().int(),
      options: z.number().int(),
    }),
  ),
});
export type TBuilderRules = z.infer<typeof ZBuilderRules>;
