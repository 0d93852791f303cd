// The platform's one Notifier: each message goes to the adapter of its channel (email: SMTP, the dev
// mailbox or the log; sms: the SMS provider behind its quota guard, or the dev mailbox or log in
// development and tests). A channel nobody configured refuses its messages permanently.

import { DeliveryError, LogNotifier, type Notification, type Notifier } from "./notifier.ts";
import { DevMailbox } from "./notifier-dev-mailbox.ts";

export type NotificationChannel = Notification["channel"];

/** The adapter under decorators (the SMS quota guard keeps it as `inner`). */
function unwrap(n: Notifier): Notifier {
  const inner = (n as { inner?: Notifier }).inner;
  return inner ? unwrap(inner) : n;
}

export class ChannelRouter implements Notifier {
  constructor(readonly channels: Partial<Record<NotificationChannel, Notifier>>) {}

  async send(message: Notification): Promise<void> {
    const adapter = this.channels[message.channel];
    if (!adapter)
      throw new DeliveryError(`no adapter sends ${message.channel} messages on this server`, false);
    await adapter.send(message);
  }

  /** The adapters at the end of each channel, without decorators, each once. */
  adapters(): Notifier[] {
    return [...new Set(Object.values(this.channels).map(unwrap))];
  }

  /**
   * What the log adapters behind the channels kept (tests read sign-up codes here, as they did when the log
   * notifier was the only one); empty when nothing goes to the log.
   */
  get sent(): Notification[] {
    const logs = this.adapters().filter((a): a is LogNotifier => a instanceof LogNotifier);
    return logs.length === 1 ? logs[0]!.sent : logs.flatMap((l) => l.sent);
  }
}

/** The dev mailbox messages are kept in, if any channel uses it (server.ts serves it at /dev/mail). */
export function devMailboxOf(notifier: Notifier): DevMailbox | undefined {
  const all = notifier instanceof ChannelRouter ? notifier.adapters() : [unwrap(notifier)];
  return all.find((a): a is DevMailbox => a instanceof DevMailbox);
}
