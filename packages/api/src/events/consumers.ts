import { type EventPayload, parseEventPayload, type Topic } from "@pizza/contracts";
import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import type { BusEvent, DeliveryInfo, EventBus, Subscription } from "./event-bus.ts";
import { OutboxRelay, type OutboxRelayOptions } from "./outbox-relay.ts";

/** An event as a consumer sees it: its payload parsed with its topic's schema (`@pizza/contracts`). */
export type TopicEvent<T extends Topic = Topic> = {
  [K in T]: Omit<BusEvent, "topic" | "payload"> & { topic: K; payload: EventPayload<K> };
}[T];

/**
 * Parses a bus event's payload with its topic's schema; a message that does not match answers why,
 * so the consumer can log it and skip it instead of acting on a half-understood payload.
 */
export function typedEvent(event: BusEvent): { ok: true; event: TopicEvent } | { ok: false; error: string } {
  const parsed = parseEventPayload(event.topic, event.payload);
  if (!parsed.ok) return parsed;
  return { ok: true, event: { ...event, payload: parsed.payload } as TopicEvent };
}

/**
 * A consumer whose effects must happen once: `handle` runs in one transaction with the record of the
 * event id in `processed_events`, so a redelivered event (at-least-once bus) finds its id and is skipped,
 * and a handler that fails rolls back both. Write every effect through `trx` (PGlite has one connection).
 */
export interface OnceConsumer<T extends Topic = Topic> {
  name: string;
  topics: readonly T[];
  /**
   * Whether `handle` has anything to do with this event (all of its topics' events when absent). An event
   * it does not want is acknowledged without a transaction or a `processed_events` row: on a busy night
   * most status changes concern one consumer or two, and each wasted round was a transaction.
   */
  wants?(event: TopicEvent<T>): boolean;
  handle(event: TopicEvent<T>, trx: Transaction<Database>): Promise<void>;
}

/**
 * A consumer that is idempotent by nature and keeps no bookkeeping: pushing an event to sockets
 * (clients drop duplicates by the order's version). `from: "new"` for live fan-out that has no use for
 * events published before it started.
 */
export interface LiveConsumer<T extends Topic = Topic> {
  name: string;
  topics: readonly T[];
  live: true;
  from?: "new" | "beginning";
  handle(event: TopicEvent<T>, delivery: DeliveryInfo): Promise<void>;
}

/**
 * A consumer whose only write is keyed on the event id: an insert that a unique index (event id and
 * what it makes) turns into nothing when the event comes again. A redelivery changes nothing by itself,
 * so it needs neither a transaction nor a `processed_events` row: one statement per event instead of
 * four (begin, the record, the write, commit). `handle` writes through `db`, once.
 */
export interface KeyedConsumer<T extends Topic = Topic> {
  name: string;
  topics: readonly T[];
  keyed: true;
  handle(event: TopicEvent<T>, db: Kysely<Database>): Promise<void>;
}

export type EventConsumer = OnceConsumer | LiveConsumer | KeyedConsumer;

/** Runs `effect` unless `consumer` already handled `eventId`; returns whether it ran. */
export async function handleOnce(
  db: Kysely<Database>,
  consumer: string,
  eventId: string,
  effect: (trx: Transaction<Database>) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Concurrent deliveries of one event: the second insert waits for the first transaction, then does nothing.
    const inserted = await trx
      .insertInto("processed_events")
      .values({ consumer, event_id: eventId })
      .onConflict((oc) => oc.columns(["consumer", "event_id"]).doNothing())
      .returning("event_id")
      .executeTakeFirst();
    if (!inserted) return false;
    await effect(trx);
    return true;
  });
}

/** Builds the dispatch trigger the delivery module registers: `order.ready` → its handler, once per event. */
export function orderReadyConsumer(
  handler: (payload: EventPayload<"order.ready">, trx: Transaction<Database>) => Promise<void>,
): OnceConsumer<"order.ready"> {
  return {
    name: "dispatch.order-ready",
    topics: ["order.ready"],
    handle: (event, trx) => handler(event.payload, trx),
  };
}

/**
 * The event side of a node: the outbox relay plus every registered consumer. Modules register their
 * consumers while the platform is wired (or later: a consumer registered after `start` subscribes at once);
 * `start` runs them, `stop` ends them (the platform's `close` calls it).
 */
export class EventsRuntime {
  readonly relay: OutboxRelay;
  private readonly consumers: EventConsumer[] = [];
  private readonly subscriptions = new Map<string, Subscription>();
  private started = false;

  constructor(
    private readonly db: Kysely<Database>,
    readonly bus: EventBus,
    private readonly log: Logger,
    relayOptions: OutboxRelayOptions = {},
  ) {
    this.relay = new OutboxRelay(db, bus, log.child({ component: "outbox-relay" }), relayOptions);
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Registers a consumer whose effects must happen once (see `OnceConsumer`). */
  register<T extends Topic>(consumer: OnceConsumer<T>): void {
    this.add(consumer as OnceConsumer);
  }

  /** Registers a consumer whose one write is keyed on the event id (see `KeyedConsumer`). */
  registerKeyed<T extends Topic>(consumer: KeyedConsumer<T>): void {
    this.add(consumer as KeyedConsumer);
  }

  /** Registers a live consumer with no bookkeeping (see `LiveConsumer`). */
  registerLive<T extends Topic>(consumer: Omit<LiveConsumer<T>, "live">): void {
    this.add({ ...consumer, live: true } as LiveConsumer);
  }

  private add(consumer: EventConsumer): void {
    if (this.consumers.some((c) => c.name === consumer.name))
      throw new Error(`an event consumer named ${consumer.name} is already registered`);
    this.consumers.push(consumer);
    if (this.started)
      this.subscribe(consumer).catch((error: unknown) =>
        this.log.error({ err: error, consumer: consumer.name }, "event consumer failed to subscribe"),
      );
  }

  /** Removes a consumer (a Socket.IO server that closes takes its fan-out with it). */
  async unregister(name: string): Promise<void> {
    const i = this.consumers.findIndex((c) => c.name === name);
    if (i >= 0) this.consumers.splice(i, 1);
    const sub = this.subscriptions.get(name);
    this.subscriptions.delete(name);
    await sub?.close();
  }

  async start(options: { relay?: boolean } = {}): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all(this.consumers.map((c) => this.subscribe(c)));
    if (options.relay !== false) this.relay.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.relay.stop();
    const subs = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(subs.map((s) => s.close()));
  }

  private async subscribe(consumer: EventConsumer) {
    const log = this.log.child({ consumer: consumer.name });
    // A payload that does not match its topic's schema is logged and acknowledged: redelivering it
    // would fail the same way every time.
    const parse = (event: BusEvent): TopicEvent | undefined => {
      const typed = typedEvent(event);
      if (typed.ok) return typed.event;
      log.error({ eventId: event.id, topic: event.topic, reason: typed.error }, "malformed event skipped");
      return undefined;
    };
    const sub =
      "live" in consumer
        ? await this.bus.subscribe(
            { group: consumer.name, topics: consumer.topics, from: consumer.from ?? "new" },
            async (event, delivery) => {
              const typed = parse(event);
              if (typed) await consumer.handle(typed, delivery);
            },
          )
        : "keyed" in consumer
          ? await this.bus.subscribe(
              { group: consumer.name, topics: consumer.topics, from: "beginning" },
              async (event) => {
                const typed = parse(event);
                if (typed) await consumer.handle(typed, this.db);
              },
            )
          : await this.bus.subscribe(
              { group: consumer.name, topics: consumer.topics, from: "beginning" },
              async (event) => {
                const typed = parse(event);
                if (!typed || (consumer.wants && !consumer.wants(typed))) return;
                const ran = await handleOnce(this.db, consumer.name, event.id, (trx) =>
                  consumer.handle(typed, trx),
                );
                if (!ran) log.debug({ eventId: event.id, topic: event.topic }, "duplicate event skipped");
              },
            );
    if (!this.started || !this.consumers.includes(consumer)) await sub.close();
    else this.subscriptions.set(consumer.name, sub);
  }
}
