// The development default: messages are not sent anywhere but kept in this process (the newest N) and
// shown at GET /dev/mail (server.ts registers it only outside production), so a newcomer can read the
// receipt or code they just triggered. Each message is composed exactly as SMTP would send it.
import nodemailer from "nodemailer";
import type { Notification, Notifier } from "./notifier.ts";
import { mailOptions } from "./notifier-mail.ts";

export interface MailboxMessage {
  id: string;
  kind: string | undefined;
  channel: Notification["channel"];
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
  receivedAt: string;
  /** The whole message as it would go over SMTP (RFC 5322, UTF-8 parts). */
  raw: string;
}

export class DevMailbox implements Notifier {
  private readonly messages: MailboxMessage[] = [];
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "\r\n",
  });
  private next = 1;

  constructor(
    private readonly from: string,
    private readonly capacity = 200,
  ) {}

  async send(message: Notification): Promise<void> {
    const options = mailOptions(message, this.from);
    const info = await this.composer.sendMail(options);
    this.messages.push({
      id: String(this.next++),
      kind: message.kind,
      channel: message.channel,
      to: message.to,
      subject: String(options.subject),
      text: message.text,
      html: message.html,
      receivedAt: new Date().toISOString(),
      raw: (info.message as Buffer).toString("utf8"),
    });
    if (this.messages.length > this.capacity) this.messages.shift();
  }

  /** Newest first. */
  list(): MailboxMessage[] {
    return [...this.messages].reverse();
  }

  get(id: string): MailboxMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }
}
