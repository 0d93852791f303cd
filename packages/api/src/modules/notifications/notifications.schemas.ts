// Input and output shapes of the notifications procedures.
import { z } from "zod";

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
