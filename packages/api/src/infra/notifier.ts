import type { Logger } from "pino";

export interface Notification {
  channel: "email" | "sms";
  to: string;
  subject: string;
  text: string;
}

/** Sends messages to people (verification codes, receipts). Production plugs an email/SMS provider here. */
export interface Notifier {
  send(message: Notification): Promise<void>;
}

/** Embedded default: writes the message to the log, where a developer can read the code. */
export class LogNotifier implements Notifier {
  readonly sent: Notification[] = [];

  constructor(private readonly log: Logger) {}

  async send(message: Notification): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
    this.log.info({ notification: message }, `notification to ${message.to}: ${message.text}`);
  }
}
