// The development default: messages are not sent anywhere but kept in this process (the newest N) and
// shown at GET /dev/mail (server.ts registers it only outside production), so a newcomer can read the
// receipt or code they just triggered. Each email is composed exactly as SMTP would send it; a text
// message is kept as its body, with the segments it would cost.
import nodemailer from "nodemailer";
import { smsSegments } from "../modules/notifications/templates/sms-segments.ts";
import type { Notification, Notifier } from "./notifier.ts";
import { mailOptions, oneLine } from "./notifier-mail.ts";

export interface MailboxMessage {
  id: string;
  kind: string | undefined;
  channel: Notification["channel"];
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
  receivedAt: string;
  /** The whole message as it would go over SMTP (RFC 5322, UTF-8 parts); a text message's body. */
  raw: string;
  /** A text message's encoding and segment count ("1 segment, GSM-7"); undefined for email. */
  segments: string | undefined;
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
    const base = {
      id: String(this.next++),
      kind: message.kind,
      channel: message.channel,
      to: message.to,
      text: message.text,
      receivedAt: new Date().toISOString(),
    };
    if (message.channel === "sms") {
      const s = smsSegments(message.text);
      const segments = `${s.segments} segment${s.segments === 1 ? "" : "s"}, ${s.encoding}`;
      this.keep({ ...base, subject: oneLine(message.subject), html: undefined, raw: message.text, segments });
      return;
    }
    const options = mailOptions(message, this.from);
    const info = await this.composer.sendMail(options);
    const raw = (info.message as Buffer).toString("utf8");
    this.keep({ ...base, subject: String(options.subject), html: message.html, raw, segments: undefined });
  }

  private keep(m: MailboxMessage): void {
    this.messages.push(m);
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
