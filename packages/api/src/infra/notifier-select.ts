// Picks the notifier from the configuration (NOTIFIER, SMTP_URL, MAIL_FROM) and says in the log where
// messages go: SMTP in production, the dev mailbox in development, the log only when chosen on purpose.
import type { Logger } from "pino";
import type { Config } from "../env.ts";
import { LogNotifier, type Notifier } from "./notifier.ts";
import { DevMailbox } from "./notifier-dev-mailbox.ts";
import { SmtpNotifier } from "./notifier-smtp.ts";

export function selectNotifier(config: Config, log: Logger): Notifier {
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
