import type { EventPayload, Topic } from "@pizza/contracts";
import type { Database, QueryCreator, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";

/**
 * Event topics and their payloads are defined once, in `@pizza/contracts` (`TOPICS`): every payload
 * carries the ids a consumer needs to route it (orderId, storeId, customerId, driverId…) and, for order
 * events, the order's `version`, which is the per-order sequence number clients use to drop stale or
 * duplicate events.
 */
export type { EventPayload, Topic };

/** One event to append: its topic and that topic's payload, checked at compile time. */
export type OutboxMessage<T extends Topic = Topic> = {
  [K in T]: {
    topic: K;
    /** What the event is about (an order id, a store id…); consumers partition and order by it. */
    aggregateId: string;
    payload: EventPayload<K>;
  };
}[T];

/** Writes events in the caller's transaction, so they exist if and only if the state change commits. */
export async function writeOutbox<T extends Topic>(
  trx: Transaction<Database>,
  ...messages: OutboxMessage<T>[]
): Promise<void> {
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

/**
 * The insert of `messages` as one step of a larger statement: a row per message for each row `source`
 * (a CTE of the same statement) gives, none when it gives none. A change that may write nothing (an
 * update guarded by a version) then writes its events only when it wrote.
 */
export function outboxFrom<DB extends Database, S extends keyof DB & string>(
  db: QueryCreator<DB>,
  source: S,
  messages: readonly OutboxMessage[],
) {
  const rows = JSON.stringify(
    messages.map((m) => ({ topic: m.topic, aggregate_id: m.aggregateId, payload: m.payload })),
  );
  return (db as unknown as QueryCreator<Database>)
    .insertInto("outbox")
    .columns(["topic", "aggregate_id", "payload"])
    .expression(
      sql`select m.topic, m.aggregate_id, m.payload from ${sql.table(source)} cross join jsonb_to_recordset(${rows}::jsonb) as m(topic text, aggregate_id text, payload jsonb)`,
    );
}
