// An order's moments from the event stream, each one job row (notification-jobs.ts) written once per event
// (the job's unique key: a keyed consumer, one statement, none for an event that asks for nothing): picked up → "on its way", the driver near → "arriving", a
// cancellation → cancelled, refused by the store or expired unpaid (with why), a refund → refunded.
import type { Database, Kysely } from "@pizza/db";
import type { KeyedConsumer, TopicEvent } from "../../events/consumers.ts";
import { enqueueJob, type NewJob } from "./notification-jobs.ts";

const TOPICS = ["delivery.picked_up", "delivery.arriving", "order.cancelled", "payment.refunded"] as const;
type MomentTopic = (typeof TOPICS)[number];

/** The job an event asks for; undefined when it asks for none. */
export function momentOf(event: TopicEvent<MomentTopic>): NewJob | undefined {
  const base = { eventId: event.id, userId: event.payload.customerId };
  switch (event.topic) {
    case "delivery.picked_up":
      return { ...base, moment: "order_on_its_way", payload: { orderId: event.payload.orderId } };
    case "delivery.arriving":
      return {
        ...base,
        moment: "order_arriving",
        payload: { orderId: event.payload.orderId, etaS: event.payload.etaS },
      };
    case "order.cancelled": {
      const p = event.payload;
      // Refused: the store cancelled before starting it; later, a store's cancellation is a cancellation
      // (with the store's reason). Only the store's own words are repeated to the customer.
      const moment =
        p.by === "store" && p.previousStatus === "placed"
          ? "order_refused"
          : p.by === "system" && p.previousStatus === "pending_payment"
            ? "order_expired"
            : "order_cancelled";
      return { ...base, moment, payload: { orderId: p.orderId, reason: p.by === "store" ? p.reason : null } };
    }
    case "payment.refunded": {
      const p = event.payload;
      if (!p.refundedNow) return undefined;
      return {
        ...base,
        moment: "order_refunded",
        payload: { orderId: p.orderId, refundedNow: p.refundedNow, currency: p.currency },
      };
    }
  }
}

export function momentConsumer(): KeyedConsumer<MomentTopic> {
  return {
    name: "notifications.moments",
    topics: TOPICS,
    keyed: true,
    async handle(event, db: Kysely<Database>) {
      const job = momentOf(event);
      if (job) await enqueueJob(db, job);
    },
  };
}
