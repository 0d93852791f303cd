// The admin's reward catalogue (issue 21): one region's rewards with their names in en/de/ja, and the
// create / edit inputs, flat so each message sits under its field in the console's form.
import { z } from "zod";

export const REWARD_KINDS = ["free_item", "amount_off", "free_delivery"] as const;
export const REWARD_LOCALES = ["en", "de", "ja"] as const;

const ZRegionCode = z
  .string("Say which region's rewards.")
  .regex(/^[a-z]{2,8}$/, "A region code is 2 to 8 lower-case letters, e.g. us.");
const ZName = (language: string) =>
  z
    .string(`Enter the ${language} name.`)
    .trim()
    .min(1, `Enter the ${language} name.`)
    .max(80, `Keep the ${language} name under 80 characters.`);
const ZOptionalName = (language: string) =>
  z.string().trim().max(80, `Keep the ${language} name under 80 characters.`).optional();

const fields = {
  nameEn: ZName("English"),
  nameDe: ZOptionalName("German"),
  nameJa: ZOptionalName("Japanese"),
  points: z
    .number("Enter how many points the reward costs.")
    .int("Points are whole numbers.")
    .min(1, "A reward costs at least 1 point.")
    .max(100_000, "A reward costs at most 100,000 points."),
  kind: z.enum(REWARD_KINDS, "Choose what the reward gives: a free item, an amount off or free delivery."),
  itemId: z.string().trim().max(60, "That item id is too long.").optional(),
  variant: z.string().trim().max(40, "That size id is too long.").optional(),
  amount: z
    .number("Enter the amount off in minor units.")
    .int("The amount off is in minor units (cents, yen): a whole number.")
    .min(1, "The amount off must be more than zero.")
    .max(1_000_000, "That amount off is too large.")
    .optional(),
  active: z.boolean(),
};

type KindFields = {
  kind: (typeof REWARD_KINDS)[number];
  itemId?: string | undefined;
  variant?: string | undefined;
  amount?: number | undefined;
};

/** What each kind needs: a free item its item and size, an amount off its amount. */
function checkKind(v: KindFields, ctx: z.RefinementCtx) {
  if (v.kind === "free_item" && !v.itemId)
    ctx.addIssue({ code: "custom", path: ["itemId"], message: "Choose the free item." });
  if (v.kind === "free_item" && !v.variant)
    ctx.addIssue({ code: "custom", path: ["variant"], message: "Choose the free item's size." });
  if (v.kind === "amount_off" && v.amount === undefined)
    ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter the amount off." });
}

export const ZCreateReward = z
  .object({
    regionCode: ZRegionCode,
    id: z
      .string("Enter an id for the reward, e.g. us-free-garlic-bread.")
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,60}$/,
        "An id is 2 to 61 lower-case letters, digits and dashes, e.g. us-free-drink.",
      ),
    ...fields,
    active: fields.active.default(true),
  })
  .superRefine(checkKind);
export type TCreateReward = z.infer<typeof ZCreateReward>;

export const ZUpdateReward = z
  .object({
    id: z.string().trim().min(1, "Say which reward.").max(61, "That reward id is too long."),
    ...fields,
  })
  .superRefine(checkKind);
export type TUpdateReward = z.infer<typeof ZUpdateReward>;

export const ZRegionRewardsInput = z.object({ regionCode: ZRegionCode });

export const ZCatalogueReward = z.object({
  id: z.string(),
  regionCode: z.string(),
  nameEn: z.string(),
  nameDe: z.string().nullable(),
  nameJa: z.string().nullable(),
  points: z.number().int(),
  kind: z.enum(REWARD_KINDS),
  itemId: z.string().nullable(),
  variant: z.string().nullable(),
  amount: z.number().int().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type TCatalogueReward = z.infer<typeof ZCatalogueReward>;
