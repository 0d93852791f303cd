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

/**
 * The embedded default: nothing is delivered. In development and tests the message is written to the
 * log (where a developer reads the code) and kept in `sent` for tests. In production (only when the
 * operator chose NOTIFIER=log) the log says that a message was sent and to whom, masked, never its text:
 * a verification code in a production log is a key to someone's account.
 */
export class LogNotifier implements Notifier {
  readonly sent: Notification[] = [];

  constructor(
    private readonly log: Logger,
    private readonly opts: { revealContent: boolean } = { revealContent: true },
  ) {}

  async send(message: Notification): Promise<void> {
    if (!this.opts.revealContent) {
      this.log.info(
        { channel: message.channel, recipient: maskContact(message.to) },
        `${message.channel} "${message.subject}" to ${maskContact(message.to)} not delivered (NOTIFIER=log)`,
      );
      return;
    }
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
    this.log.info(`notification to ${message.to}: ${message.text}`);
  }
}

/** j•••@example.com, +1•••••••0100: enough to tell messages apart, not enough to contact anyone. */
export function maskContact(to: string): string {
  const at = to.indexOf("@");
  if (at > 0) return `${to[0]}•••${to.slice(at)}`;
  return to.length > 6 ? `${to.slice(0, 2)}${"•".repeat(to.length - 6)}${to.slice(-4)}` : "•••";
}
