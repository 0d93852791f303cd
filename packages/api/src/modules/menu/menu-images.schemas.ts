// Item, deal and promo images (issue 22): what admins send, with sentences a person understands.
import { z } from "zod";
import { plainName } from "../../infra/text-input.ts";
import { ZLocale } from "./menu.schemas.ts";
import { ALT_MAX_CHARS, IMAGE_SUBJECT_KINDS } from "./menu-images.ts";

export const ZImageSubject = z
  .object({
    kind: z.enum(IMAGE_SUBJECT_KINDS, "Choose a menu item, a deal or a promo."),
    id: z
      .string("Choose a menu item, a deal or a promo.")
      .trim()
      .min(1, "Choose a menu item, a deal or a promo.")
      .max(80, "That id is too long.")
      .regex(/^[\w:-]+$/, "That id has unexpected characters."),
  })
  .strict();
export type TImageSubject = z.infer<typeof ZImageSubject>;

const missing = (language: string) =>
  `Describe the picture in ${language} (alt text) for people who cannot see it.`;
const alt = (language: string) =>
  z
    .string(missing(language))
    .overwrite(plainName)
    .min(1, missing(language))
    .max(ALT_MAX_CHARS, `Keep the ${language} alt text under ${ALT_MAX_CHARS} characters.`);

/** Alt text: English required (the menus' fallback language), German and Japanese optional. */
export const ZImageAlt = z
  .object(
    {
      en: alt("English"),
      de: z.preprocess(
        (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
        alt("German").optional(),
      ),
      ja: z.preprocess(
        (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
        alt("Japanese").optional(),
      ),
    },
    "Describe the picture (alt text): at least in English.",
  )
  .strict();

export const ZMenuImageUploadRequest = z
  .object({
    subject: ZImageSubject,
    alt: ZImageAlt,
    contentType: z.string("Say what kind of file this is.").trim().toLowerCase().max(100),
    size: z
      .number("The file's size must be a number of bytes.")
      .int("The file's size must be a whole number of bytes.")
      .min(1, "The file is empty."),
  })
  .strict();
export type TMenuImageUploadRequest = z.infer<typeof ZMenuImageUploadRequest>;

export const ZMenuImageSave = ZMenuImageUploadRequest.extend({
  key: z.string("Upload the file first.").min(1, "Upload the file first.").max(300),
}).strict();
export type TMenuImageSave = z.infer<typeof ZMenuImageSave>;

export const ZPromoBannersRequest = z
  .object({ storeId: z.uuid("Store id must be a UUID."), locale: ZLocale })
  .strict();
