// Help with an order (issue 16): what a customer files and what the store answers, with readable messages.
import { z } from "zod";

export const HELP_KINDS = ["missing_item", "wrong_item", "late", "quality", "other"] as const;
export const HELP_STATUSES = ["open", "refunded", "credited", "declined"] as const;

const ZId = (what: string) => z.uuid(`${what} must be a UUID.`);
const ZLineNos = z
  .array(z.number().int().min(1, "Choose a line of the order."), "Choose the lines of the order.")
  .max(50, "Choose at most 50 lines.");
const ZNote = z.string().trim().max(500, "Keep the note under 500 characters.");

export const ZFileHelpRequest = z
  .object({
    orderId: ZId("Order id"),
    kind: z.enum(HELP_KINDS, "Choose what went wrong."),
    /** The order's lines this is about (missing or wrong items need at least one). */
    lineNos: ZLineNos.default([]),
    message: z
      .string("Tell us what went wrong.")
      .trim()
      .min(1, "Tell us what went wrong.")
      .max(1000, "Keep the message under 1000 characters."),
    /** A photo uploaded first (help.photoUploadLink + help.confirmPhoto, or POST /help/photos; optional). */
    photoId: ZId("Photo id").optional(),
  })
  .strict();
export type TFileHelpRequest = z.infer<typeof ZFileHelpRequest>;

const ZPhotoType = z.enum(
  ["image/jpeg", "image/png", "image/webp"],
  "Send the photo as a JPEG, PNG or WebP image.",
);
const ZPhotoSize = z
  .number("The photo's size must be a number of bytes.")
  .int("The photo's size must be a whole number of bytes.")
  .min(1, "The photo is empty.");

/** Asks for a signed upload link for a help photo (at most 2 MB, checked by the use case). */
export const ZHelpPhotoUploadRequest = z.object({ contentType: ZPhotoType, size: ZPhotoSize }).strict();
export type THelpPhotoUploadRequest = z.infer<typeof ZHelpPhotoUploadRequest>;

/** PUT the photo's bytes to `url` with `headers` before `expiresAt`, then `help.confirmPhoto` with `key`. */
export const ZHelpPhotoUploadLink = z.object({
  key: z.string(),
  url: z.string(),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type THelpPhotoUploadLink = z.infer<typeof ZHelpPhotoUploadLink>;

/** The upload to keep: its key and what was announced for it. */
export const ZHelpPhotoRef = z
  .object({ key: z.string().min(1).max(200), contentType: ZPhotoType, size: ZPhotoSize })
  .strict();
export type THelpPhotoRef = z.infer<typeof ZHelpPhotoRef>;

export const ZHelpOrderRef = z.object({ orderId: ZId("Order id") }).strict();

/** One action of the store: refund (lines, an amount, or everything left), a credit, or a decline. */
export const ZHelpAction = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("refund"),
      lineNos: ZLineNos.min(1, "Choose at least one line to refund.").optional(),
      amount: z.number().int("Amounts are in minor units.").positive("Refund more than nothing.").optional(),
      all: z.literal(true).optional(),
      note: ZNote.optional(),
    }),
    z.object({
      type: z.literal("credit"),
      amount: z.number().int("Amounts are in minor units.").positive("Give a credit of more than nothing."),
      note: ZNote.optional(),
    }),
    z.object({
      type: z.literal("decline"),
      reason: ZNote.min(1, "Tell the customer why."),
    }),
  ],
  "Choose refund, credit or decline.",
);
export type THelpAction = z.infer<typeof ZHelpAction>;

export const ZResolveHelpRequest = z.object({ helpRequestId: ZId("Help request id"), action: ZHelpAction });

const ZLine = z.object({
  lineNo: z.number().int(),
  name: z.string(),
  quantity: z.number().int(),
  lineTotal: z.number().int(),
});

/** A request as its customer sees it (amounts in minor units of `currency`). */
export const ZHelpRequestView = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.number().int(),
  kind: z.enum(HELP_KINDS),
  lines: z.array(ZLine),
  message: z.string(),
  hasPhoto: z.boolean(),
  status: z.enum(HELP_STATUSES),
  resolutionNote: z.string().nullable(),
  refundAmount: z.number().int().nullable(),
  creditAmount: z.number().int().nullable(),
  creditCode: z.string().nullable(),
  currency: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type THelpRequestView = z.infer<typeof ZHelpRequestView>;

/** What the store console shows: the request with its order and what can still be refunded. */
export const ZStoreHelpRequest = ZHelpRequestView.extend({
  photoId: z.string().nullable(),
  customerName: z.string().nullable(),
  order: z.object({
    status: z.string(),
    channel: z.string(),
    paymentMethod: z.string(),
    total: z.number().int(),
    items: z.array(ZLine),
  }),
  /** Paid minus refunded (null: nothing was paid, e.g. cash not collected). */
  refundableLeft: z.number().int().nullable(),
});
export type TStoreHelpRequest = z.infer<typeof ZStoreHelpRequest>;
