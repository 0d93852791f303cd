import { z } from "zod";
import { ZLocaleTag, ZPersonName } from "../../infra/text-input.ts";
import { ZPublicUser } from "../auth/auth.schemas.ts";

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is too long (${max} characters at most).`);

export const ZAddressInput = z.object({
  id: z.uuid().optional(),
  label: text("Label", 40),
  line1: text("Street address", 200),
  line2: z.string().trim().max(200, "Second address line is too long.").nullish(),
  city: text("City", 100),
  postalCode: z.string().trim().max(20, "Postal code is too long.").nullish(),
  notes: z.string().trim().max(500, "Delivery notes are too long (500 characters at most).").nullish(),
  lat: z
    .number()
    .min(-90, "Latitude must be between -90 and 90.")
    .max(90, "Latitude must be between -90 and 90."),
  lng: z
    .number()
    .min(-180, "Longitude must be between -180 and 180.")
    .max(180, "Longitude must be between -180 and 180."),
  isDefault: z.boolean().optional(),
});
export type TAddressInput = z.infer<typeof ZAddressInput>;

export const ZUpdateProfileRequest = z
  .object({
    name: ZPersonName.optional(),
    locale: ZLocaleTag.optional(),
    /** The full list of saved addresses: entries with an id are kept and updated, the rest are new, missing ones are removed. */
    addresses: z.array(ZAddressInput).max(20, "You can save at most 20 addresses.").optional(),
  })
  .refine((v) => (v.addresses ?? []).filter((a) => a.isDefault).length <= 1, {
    message: "Only one address can be the default.",
    path: ["addresses"],
  });
export type TUpdateProfileRequest = z.infer<typeof ZUpdateProfileRequest>;

export const ZAddress = z.object({
  id: z.uuid(),
  label: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  postalCode: z.string().nullable(),
  notes: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  isDefault: z.boolean(),
});

export const ZProfile = ZPublicUser.extend({
  locale: z.string().nullable(),
  addresses: z.array(ZAddress),
  defaultAddressId: z.string().nullable(),
});
export type TProfile = z.infer<typeof ZProfile>;
