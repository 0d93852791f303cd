// The customer is told the store's answer to their problem with an order: `help.resolved` (written in
// the answer's transaction) becomes one email in the queue, once per event (`handleOnce` plus the
// queue's unique key). The customer's address and language come from auth's `userContact`.
import type { Database, Transaction } from "@pizza/db";
import type { OnceConsumer, TopicEvent } from "../../events/consumers.ts";
import { userContact } from "../auth/user-contact.ts";
import { enqueueNotification } from "./delivery-queue.ts";
import { helpOutcomeMessage } from "./templates/help-outcome.ts";
import { messageLocale } from "./templates/i18n.ts";

export function helpOutcomeConsumer(): OnceConsumer<"help.resolved"> {
  return {
    name: "notifications.help-outcomes",
    topics: ["help.resolved"],
    async handle(event: TopicEvent<"help.resolved">, trx: Transaction<Database>) {
      const p = event.payload;
      const customer = await userContact(trx, p.customerId);
      if (!customer?.email) return;
      const locale = messageLocale(customer.locale);
      await enqueueNotification(trx, {
        eventId: event.id,
        kind: "help_outcome",
        orderId: p.orderId,
        channel: "email",
        recipient: customer.email,
        recipientName: customer.name,
        locale,
        ...helpOutcomeMessage({ locale, ...p, outcome: p.outcome }),
      });
    },
  };
}
