import type { Database, Transaction } from "@pizza/db";

/**
 * Event topics written to the outbox. Every payload carries the ids a consumer needs to route it
 * (orderId, storeId, customerId, driverId…) and, for order events, the order's `version`, which is
 * the per-order sequence number clients use to drop stale or duplicate events.
 */
export type Topic =
  | "order.placed"
  | "order.updated"
  | "order.status_changed"
  | "order.ready"
  | "order.cancelled"
  | "payment.succeeded"
  | "payment.failed"
  | "payment.refunded"
  | "delivery.offered"
  | "delivery.assigned"
  | "delivery.unassigned"
  | "delivery.no_driver"
  | "delivery.picked_up"
  | "delivery.delivered"
  | "menu.changed"
  | "store.changed"
  | "review.submitted";

export interface OutboxMessage {
  topic: Topic;
  /** What the event is about (an order id, a store id…); consumers partition and order by it. */
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** Writes events in the caller's transaction, so they exist if and only if the state change commits. */
export async function writeOutbox(trx: Transaction<Database>, ...messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto("outbox")
    .values(
      messages.map((m) => ({
        topic: m.topic,
        aggregate_id: m.aggregateId,
        payload: JSON.stringify(m.payload),
      })),
    )
    .execute();
}
