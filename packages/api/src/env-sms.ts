// The SMS settings of env.ts: Twilio's API (account, token, sender) and the quotas every text passes
// (infra/sms-quota.ts). Read and validated with the rest of the configuration by loadConfig.
import { z } from "zod";
import type { TwilioSettings } from "./infra/notifier-sms-twilio.ts";
import type { SmsQuotaLimits } from "./infra/sms-quota.ts";

export const smsEnv = {
  /** Twilio's REST API (or a compatible one): texts go there when the account, token and sender are set. */
  SMS_PROVIDER_URL: z
    .url()
    .regex(/^https?:\/\//, "must be an http(s):// URL")
    .default("https://api.twilio.com"),
  SMS_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio account sid (AC followed by 32 hex digits)")
    .optional(),
  SMS_AUTH_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** The sender: an E.164 number, a Messaging Service sid (MG…), or an alphanumeric sender id. */
  SMS_FROM: z
    .string()
    .regex(
      /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/,
      "must be an E.164 number (+14155550100), a Messaging Service sid (MG…) or an alphanumeric sender id (at most 11)",
    )
    .optional(),
  /** SMS quotas (infra/sms-quota.ts): per number, per country (the brakes on SMS pumping). */
  SMS_PER_NUMBER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(5),
  SMS_PER_NUMBER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(20),
  SMS_PER_COUNTRY_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(500),
  SMS_PER_COUNTRY_DAY: z.coerce.number().int().min(1).max(10_000_000).default(5000),
  SMS_PER_OTHER_COUNTRY_DAY: z.coerce.number().int().min(1).max(10_000_000).default(50),
  /** ISO codes of the countries the regions serve; texts elsewhere get SMS_PER_OTHER_COUNTRY_DAY. */
  SMS_COUNTRIES: z
    .string()
    .regex(
      /^\s*[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*\s*$/,
      "must be comma-separated ISO country codes like US,DE,JP",
    )
    .default("US,DE,JP")
    .transform((v) => v.split(",").map((c) => c.trim().toUpperCase())),
};

const smsSchema = z.object(smsEnv);

export interface SmsConfig {
  /** Twilio's API; undefined when no SMS provider is configured. */
  twilio: TwilioSettings | undefined;
  quota: SmsQuotaLimits;
}

/** Account, token and sender go together: some but not all is a mistake, not "no SMS". */
export function refuseUnsafeSms(e: z.infer<typeof smsSchema>, fail: (message: string) => Error): void {
  const sms = [e.SMS_ACCOUNT_SID, e.SMS_AUTH_TOKEN, e.SMS_FROM];
  if (sms.some(Boolean) && !sms.every(Boolean))
    throw fail(
      "Invalid configuration: SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM go together (texts need all three, or none for no SMS provider)",
    );
}

/** The SMS provider (all three of account, token and sender, or none) and the quotas every text passes. */
export function smsSettings(e: z.infer<typeof smsSchema>): SmsConfig {
  return {
    twilio:
      e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
        ? {
            baseUrl: e.SMS_PROVIDER_URL,
            accountSid: e.SMS_ACCOUNT_SID,
            authToken: e.SMS_AUTH_TOKEN,
            from: e.SMS_FROM,
          }
        : undefined,
    quota: {
      perNumberHour: e.SMS_PER_NUMBER_HOUR,
      perNumberDay: e.SMS_PER_NUMBER_DAY,
      perCountryHour: e.SMS_PER_COUNTRY_HOUR,
      perCountryDay: e.SMS_PER_COUNTRY_DAY,
      perOtherCountryDay: e.SMS_PER_OTHER_COUNTRY_DAY,
      homeCountries: e.SMS_COUNTRIES,
    },
  };
}
