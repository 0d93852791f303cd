import type { Logger } from "pino";
import type { PushKind } from "./notifier-push.ts";

/** What a message is about; templates, the delivery queue and the dev mailbox name messages by it. */
export type NotificationKind =
  | "verification_code"
  | "sign_up_notice"
  | "order_receipt"
  | "password_reset"
  | "help_outcome"
  | "failed_digest"
  | OrderMomentKind
  | PushKind;

/** An order's moments after its receipt (modules/notifications/templates/order-moments.ts). */
export type OrderMomentKind =
  | "order_on_its_way"
  | "order_arriving"
  | "order_cancelled"
  | "order_refused"
  | "order_expired"
  | "order_refunded"
  | "order_reminder";

export interface Notification {
  /** push: `to` is a push subscription id and `text` the JSON payload (modules/notifications/push-messages.ts). */
  channel: "email" | "sms" | "push";
  kind?: NotificationKind;
  /** The language the message was written in (en, de, ja). */
  locale?: string;
  to: string;
  /** The recipient's name as they typed it: adapters never put it into a header unencoded. */
  toName?: string;
  subject: string;
  text: string;
  /** The HTML part of an email (the text part is always sent too). */
  html?: string;
  /** A stable id (a delivery row's): the email's Message-ID is made from it. */
  id?: string;
}

/** Sends messages to people (verification codes, receipts): SMTP, an SMS provider, the dev mailbox, or the log. */
export interface Notifier {
  send(message: Notification): Promise<void>;
}

/**
 * A send that failed, saying whether trying again can help. `retryable: false` (an invalid number, a
 * message over quota) makes the delivery queue record the message failed at once; anything else thrown
 * by an adapter (a network error, a 5xx, a 429) is retried with backoff.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The provider's own error code (Twilio's 21211…), for logs and the admin's view. */
    readonly providerCode?: number | string,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/** True when retrying cannot help: the error carries `retryable: false` (DeliveryError, an SMS quota refusal). */
export function isPermanentFailure(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { retryable?: unknown }).retryable === false
  );
}

/**
 * Nothing is delivered. In tests the message is written to the log and kept in `sent`. In production
 * (only when the operator chose NOTIFIER=log) the log says that a message was sent and to whom, masked,
 * never its text: a verification code in a production log is a key to someone's account.
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
        `${message.channel} "${message.subject}" to ${maskContact(message.to)} not delivered (${message.channel === "sms" ? "no SMS provider" : "NOTIFIER=log"})`,
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
