// Shapes of the proof of delivery (issue 20): why a driver marks a delivery delivered away from the
// address, the photo they uploaded, and the proof the store and the customer see afterwards.
import { z } from "zod";

export const AWAY_REASONS = ["met_elsewhere", "address_wrong", "other"] as const;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 512 * 1024;
/** What the driver checks in the bag before "Picked up" (drinks only when the order has some). */
export const BAG_CHECKS = ["order", "items", "drinks"] as const;

/** Required to mark a delivery delivered beyond ~300 m from the address (delivery/dropoff-distance.ts). */
export const ZAwayReason = z.object({
  code: z.enum(AWAY_REASONS, "The reason must be met_elsewhere, address_wrong or other."),
  note: z.string().trim().max(280, "The note can be at most 280 characters.").optional(),
});

const ZPhotoType = z.enum(PHOTO_TYPES, "A delivery photo must be a JPEG, PNG or WebP image.");
const ZPhotoSize = z
  .number()
  .int("The photo's size must be a whole number of bytes.")
  .min(1, "The photo is empty.")
  .max(MAX_PHOTO_BYTES, "A delivery photo can be at most 8 MB.");

/** The photo uploaded through `photoUploadLink`: its key and what was announced for it. */
export const ZPhotoRef = z.object({
  key: z.string().min(1).max(200),
  contentType: ZPhotoType,
  size: ZPhotoSize,
});

/** The customer's signature drawn on the driver's phone: a PNG uploaded like the photo. */
export const ZSignatureRef = z.object({
  key: z.string().min(1).max(200),
  contentType: z.literal("image/png", "A signature must be a PNG image."),
  size: z
    .number()
    .int("The signature's size must be a whole number of bytes.")
    .min(1, "The signature is empty.")
    .max(MAX_SIGNATURE_BYTES, "A signature can be at most 512 KB."),
});

export const ZPhotoUploadLinkRequest = z.object({
  deliveryId: z.uuid("deliveryId must be a valid id."),
  contentType: ZPhotoType,
  size: ZPhotoSize,
  /** `signature`: a PNG of at most 512 KB, for `markDelivered({ signature })`. */
  purpose: z.enum(["photo", "signature"], "purpose must be photo or signature.").default("photo"),
});

/** PUT the photo's bytes to `url` with `headers` before `expiresAt`, then send `key` with markDelivered. */
export const ZPhotoUploadLink = z.object({
  key: z.string(),
  url: z.string(),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

/**
 * What was recorded at the door. The store sees everything; the order's customer sees the time and the
 * photo only (the driver's position and reason are the store's business).
 */
export const ZDeliveryProof = z.object({
  deliveredAt: z.string().nullable(),
  /** A short-lived signed link to the normalised photo (no EXIF), or null without a photo. */
  photoUrl: z.string().nullable(),
  /** The photo was deleted after the retention period (photo-retention.ts): when, and how many days after delivery. */
  photoRemoved: z.object({ at: z.string(), afterDays: z.number().int() }).nullable(),
  position: z.object({ lat: z.number(), lng: z.number(), at: z.string() }).nullable(),
  distanceM: z.number().nullable(),
  awayReason: z.enum(AWAY_REASONS).nullable(),
  awayNote: z.string().nullable(),
  /** A short-lived signed link to the customer's signature (PNG), or null without one. */
  signatureUrl: z.string().nullable(),
  /** true: the customer's code was given; false: the store confirmed after failed codes; null: none needed. */
  codeVerified: z.boolean().nullable(),
  /** The bag checks ticked at pick-up (store only). */
  bagChecks: z.array(z.enum(BAG_CHECKS)).nullable(),
  /** Managers only: links to download the photo and the signature. */
  downloads: z.object({ photo: z.string().nullable(), signature: z.string().nullable() }).nullable(),
});

/** Whether the customer's handover code is needed and how the attempts went (never the code). */
export const ZHandoverState = z.object({
  required: z.literal(true),
  failures: z.number().int(),
  locked: z.boolean(),
  confirmed: z.boolean(),
  verified: z.boolean(),
});

export type TAwayReason = z.infer<typeof ZAwayReason>;
export type TPhotoRef = z.infer<typeof ZPhotoRef>;
export type TPhotoUploadLinkRequest = z.infer<typeof ZPhotoUploadLinkRequest>;
export type TPhotoUploadLink = z.infer<typeof ZPhotoUploadLink>;
export type TDeliveryProof = z.infer<typeof ZDeliveryProof>;
export type TSignatureRef = z.infer<typeof ZSignatureRef>;
export type TBagCheck = (typeof BAG_CHECKS)[number];
export type THandoverState = z.infer<typeof ZHandoverState>;
