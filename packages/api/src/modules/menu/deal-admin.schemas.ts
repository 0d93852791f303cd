// The admin's deals (issue 22): one region's set-price offers with their names in en/de/ja and their slots,
// and the create / edit / deactivate inputs, flat so each message sits under its field in the console's form.
import { z } from "zod";

export const DEAL_KINDS = ["pizza", "side", "dessert", "drink"] as const;

const ZRegionCode = z
  .string("Say which region's deals.")
  .regex(/^[a-z]{2,8}$/, "A region code is 2 to 8 lower-case letters, e.g. us.");
const ZDealId = z
  .string("Enter an id for the deal, e.g. us-two-mediums.")
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,60}$/,
    "An id is 2 to 61 lower-case letters, digits and dashes, e.g. us-two-mediums.",
  );
const ZName = (language: string) =>
  z
    .string(`Enter the ${language} name.`)
    .trim()
    .min(1, `Enter the ${language} name.`)
    .max(80, `Keep the ${language} name under 80 characters.`);
const ZOptionalName = (language: string) =>
  z.string().trim().max(80, `Keep the ${language} name under 80 characters.`).optional();
const ZInstantOrNull = (what: string) =>
  z.iso
    .datetime({ offset: true, message: `Enter the ${what} as a date and time, e.g. 2026-12-24T18:00:00Z.` })
    .nullable()
    .optional();

export const ZDealSlot = z.object({
  kind: z.enum(DEAL_KINDS, "Choose what the slot takes: a pizza, a side, a dessert or a drink."),
  variant: z.string().trim().max(40, "That size id is too long.").optional(),
  itemId: z.string().trim().max(60, "That item id is too long.").optional(),
  quantity: z
    .number("Enter how many the slot takes.")
    .int("How many is a whole number.")
    .min(1, "A slot takes at least 1.")
    .max(10, "A slot takes at most 10."),
});

const fields = {
  nameEn: ZName("English"),
  nameDe: ZOptionalName("German"),
  nameJa: ZOptionalName("Japanese"),
  price: z
    .number("Enter the deal's price in minor units.")
    .int("The price is in minor units (cents, yen): a whole number.")
    .min(1, "The price must be more than zero.")
    .max(1_000_000, "That price is too large."),
  slots: z
    .array(ZDealSlot, "Say what the deal is made of.")
    .min(1, "A deal needs at least one slot.")
    .max(6, "A deal has at most 6 slots."),
  startsAt: ZInstantOrNull("start"),
  endsAt: ZInstantOrNull("end"),
  active: z.boolean(),
};

function checkWindow(
  v: { startsAt?: string | null | undefined; endsAt?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.startsAt && v.endsAt && Date.parse(v.endsAt) <= Date.parse(v.startsAt))
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The deal must end after it starts." });
}

export const ZCreateDeal = z
  .object({ regionCode: ZRegionCode, id: ZDealId, ...fields, active: fields.active.default(true) })
  .superRefine(checkWindow);
export type TCreateDeal = z.infer<typeof ZCreateDeal>;

export const ZUpdateDeal = z
  .object({ id: z.string().trim().min(1, "Say which deal.").max(61, "That deal id is too long."), ...fields })
  .superRefine(checkWindow);
export type TUpdateDeal = z.infer<typeof ZUpdateDeal>;

export const ZDealIdInput = z.object({
  id: z.string().trim().min(1, "Say which deal.").max(61, "That deal id is too long."),
});
export const ZRegionDealsInput = z.object({ regionCode: ZRegionCode });

export const ZAdminDeal = z.object({
  id: z.string(),
  regionCode: z.string(),
  currency: z.string(),
  currencyDigits: z.number().int(),
  nameEn: z.string(),
  nameDe: z.string().nullable(),
  nameJa: z.string().nullable(),
  price: z.number().int(),
  slots: z.array(
    z.object({
      kind: z.enum(DEAL_KINDS),
      variant: z.string().nullable(),
      itemId: z.string().nullable(),
      quantity: z.number().int(),
    }),
  ),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type TAdminDeal = z.infer<typeof ZAdminDeal>;
