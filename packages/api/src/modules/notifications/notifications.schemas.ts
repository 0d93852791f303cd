// Input and output shapes of the notifications procedures.
import { z } from "zod";
import { PREFERENCE_CHANNELS, PREFERENCE_KINDS, type PreferenceKind } from "./channel-choice.ts";

export const ZFailedRequest = z
  .object({ limit: z.number().int().min(1).max(500).default(100) })
  .default({ limit: 100 });

export const ZFailedDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  kind: z.string(),
  channel: z.string(),
  recipient: z.string(),
  subject: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

const ZPreferenceChannel = z.enum(PREFERENCE_CHANNELS, {
  error: "Choose email, SMS or push.",
});
const ZPreferenceKind = z.enum(PREFERENCE_KINDS as [PreferenceKind, ...PreferenceKind[]], {
  error: "That is not a kind of message you can choose channels for.",
});

export const ZSetPreferenceRequest = z.object({
  kind: ZPreferenceKind,
  channels: z.array(ZPreferenceChannel).max(3, "Choose at most three channels."),
  /** Marketing only: the user ticked "I agree to receive offers". */
  consent: z.boolean().optional(),
});

export const ZPreferences = z.object({
  kinds: z.array(
    z.object({
      kind: ZPreferenceKind,
      channels: z.array(ZPreferenceChannel),
      isDefault: z.boolean(),
      consentedAt: z.string().nullable(),
      choosable: z.array(ZPreferenceChannel),
    }),
  ),
  available: z.array(ZPreferenceChannel),
});

const b64urlKey = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .refine(
      (v) => /^[A-Za-z0-9_-]+=*$/.test(v) && Buffer.from(v, "base64url").length === bytes,
      `${what} must be a base64url key of ${bytes} bytes, as PushSubscription.toJSON() gives it.`,
    );

/** A browser's PushSubscription (its toJSON()), for the driver or the customer app. */
export const ZPushSubscribe = z.object({
  app: z.enum(["driver", "customer"], "app must be driver or customer."),
  subscription: z.object({
    endpoint: z.url("The subscription's endpoint must be a URL.").max(2048),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({
      p256dh: b64urlKey(65, "keys.p256dh"),
      auth: b64urlKey(16, "keys.auth"),
    }),
  }),
});

export const ZPushUnsubscribe = z.object({
  endpoint: z.url("The subscription's endpoint must be a URL.").max(2048),
});

/** The VAPID public key browsers subscribe with (applicationServerKey); null when push is off. */
export const ZPushKey = z.object({ publicKey: z.string().nullable() });
