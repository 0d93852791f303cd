// Email over SMTP (NOTIFIER=smtp): SMTP_URL like smtp://user:pass@host:587 (smtps:// for TLS from the
// start), the sender from MAIL_FROM. A refused or failed send throws: the delivery queue retries it.
import nodemailer, { type Transporter } from "nodemailer";
import type { Notification, Notifier } from "./notifier.ts";
import { mailOptions } from "./notifier-mail.ts";

export class SmtpNotifier implements Notifier {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    options: { timeoutMs?: number } = {},
  ) {
    const timeout = options.timeoutMs ?? 15_000;
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === "smtps:" ? 465 : 587),
      secure: url.protocol === "smtps:",
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: Notification): Promise<void> {
    if (message.channel !== "email")
      throw new Error(`the SMTP notifier sends email only, not ${message.channel}`);
    await this.transport.sendMail(mailOptions(message, this.from));
  }

  close(): void {
    this.transport.close();
  }
}
