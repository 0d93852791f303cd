// The notification queue's settings of env.ts: the sender sweep, its retries, and the staff digest of
// failed deliveries. Read and validated with the rest of the configuration by loadConfig.
import { z } from "zod";

export const notifyEnv = {
  /** How often this node sends queued notifications; 0 = never (tests sweep by hand). */
  NOTIFY_SWEEP_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** Delay before a failed notification's first retry (doubling each time, up to an hour). */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  /** Attempts before a notification is marked failed (shown to admins). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** The failed-delivery digest's window, in minutes: staff and admins who chose it hear of each window's failures. */
  NOTIFY_DIGEST_MINUTES: z.coerce
    .number("must be a whole number of minutes")
    .int("must be a whole number of minutes")
    .min(5, "must be at least 5 minutes")
    .max(10_080, "must be at most a week (10080 minutes)")
    .default(60),
};

const notifySchema = z.object(notifyEnv);

export interface NotifySettings {
  sweepMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** The failed-delivery digest's window (modules/notifications/failed-digests.ts). */
  digestMinutes: number;
}

export function notifySettings(e: z.infer<typeof notifySchema>, test: boolean): NotifySettings {
  return {
    sweepMs: e.NOTIFY_SWEEP_MS ?? (test ? 0 : 2000),
    retryBaseMs: e.NOTIFY_RETRY_BASE_MS,
    maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    digestMinutes: e.NOTIFY_DIGEST_MINUTES,
  };
}
