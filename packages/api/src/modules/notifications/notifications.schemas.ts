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
    }),
  ),
  available: z.array(ZPreferenceChannel),
});
