// Picks the adapters from the configuration and says in the log where messages go. Email: SMTP
// (NOTIFIER=smtp), the dev mailbox (development), the log only when chosen on purpose. SMS: Twilio's API
// when SMS_ACCOUNT_SID/SMS_AUTH_TOKEN/SMS_FROM are set, else wherever email goes in development and tests
// (the dev mailbox shows texts too); with real email and no SMS provider, a loud warning says texts are
// NOT delivered. Every text passes the SMS quota guard (sms-quota.ts) first, whatever its adapter.
import type { Logger } from "pino";
import type { Config } from "../env.ts";
import { LogNotifier, type Notifier } from "./notifier.ts";
import { DevMailbox } from "./notifier-dev-mailbox.ts";
import { ChannelRouter } from "./notifier-router.ts";
import { TwilioSmsNotifier } from "./notifier-sms-twilio.ts";
import { SmtpNotifier } from "./notifier-smtp.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { SmsQuota, SmsQuotaGuard } from "./sms-quota.ts";

export function selectNotifier(config: Config, log: Logger, rateLimiter: RateLimiter): ChannelRouter {
  const email = selectEmail(config, log);
  const sms = selectSms(config, log, email);
  return new ChannelRouter({
    email,
    sms: new SmsQuotaGuard(sms, new SmsQuota(rateLimiter, config.sms.quota)),
  });
}

function selectEmail(config: Config, log: Logger): Notifier {
  const n = config.notifications;
  if (n.notifier === "smtp" && n.smtpUrl) {
    const host = new URL(n.smtpUrl).host;
    log.info(`email is sent over SMTP through ${host} from ${n.mailFrom}`);
    return new SmtpNotifier(n.smtpUrl, n.mailFrom);
  }
  if (n.notifier === "mailbox") {
    const base = `http://${config.host}:${config.port}`;
    log.info(`email is kept in the dev mailbox, not sent: read it at ${base}/dev/mail`);
    return new DevMailbox(n.mailFrom);
  }
  if (config.env === "production")
    log.warn(
      "NOTIFIER=log: verification codes and receipts are NOT delivered to anyone (their content is not logged either)",
    );
  return new LogNotifier(log, { revealContent: config.env !== "production" });
}

function selectSms(config: Config, log: Logger, email: Notifier): Notifier {
  const twilio = config.sms.twilio;
  if (twilio) {
    log.info(
      `text messages are sent through the SMS provider at ${new URL(twilio.baseUrl).host} from ${twilio.from}`,
    );
    return new TwilioSmsNotifier(twilio);
  }
  if (email instanceof DevMailbox) {
    log.info("text messages are kept in the dev mailbox too, not sent (no SMS_ACCOUNT_SID)");
    return email;
  }
  if (email instanceof LogNotifier) return email;
  // Real email, no SMS provider: phone sign-up codes would go nowhere. Said loudly, never silently.
  log.warn(
    "NO SMS PROVIDER: email is delivered, but text messages (phone sign-up codes, SMS receipts) are NOT delivered to anyone; set SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM",
  );
  return new LogNotifier(log, { revealContent: config.env !== "production" });
}
