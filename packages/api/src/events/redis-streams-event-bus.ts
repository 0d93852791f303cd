import { randomUUID } from "node:crypto";
import { keyPrefixOf } from "@pizza/dispatch";
import type { Logger } from "pino";
import type { Topic } from "../infra/outbox.ts";
import { isCluster, type RedisClient } from "../infra/redis.ts";
import {
  type BusEvent,
  type BusOptions,
  DEFAULT_BUS_OPTIONS,
  type DeadLetter,
  type EventBus,
  type EventHandler,
  errorMessage,
  type SubscribeOptions,
  type Subscription,
} from "./event-bus.ts";
import { fieldMap, StreamConsumer, type StreamEntry } from "./redis-stream-consumer.ts";

export interface RedisStreamsOptions extends BusOptions {
  /**
   * Prefix of the stream keys: one stream per topic (`events:{bus}:order.ready`), plus `events:{bus}:dead`
   * and `events:{bus}:epoch`. Its hash tag (`{bus}`) keeps every key of the bus in one Redis Cluster hash
   * slot, as the multi-stream XREADGROUP, the publish pipeline and the dead-letter MULTI need.
   */
  streamPrefix?: string;
  /** Approximate length each stream is trimmed to. */
  maxLen?: number;
  batchSize?: number;
  /** How long one XREADGROUP waits for new entries (also how fast `close()` is noticed). */
  blockMs?: number;
  log?: Logger;
}

/** A cluster's answers for a key that is moving or moved: the command was not run, sending it again is safe. */
const REDIRECTED = /^(ASK|MOVED|TRYAGAIN|CLUSTERDOWN) /;

/**
 * Redis Streams with consumer groups: XADD to publish, XREADGROUP to receive, XACK once handled,
 * XAUTOCLAIM to take over what a dead (or failed) consumer left pending, and a dead-letter stream
 * after `maxAttempts` deliveries. Survives Redis restarts: every loop retries with back-off, and a
 * group that disappeared with a non-persistent Redis is created again.
 */
export class RedisStreamsEventBus implements EventBus {
  readonly kind = "redis-streams" as const;
  private readonly opts: Required<Omit<RedisStreamsOptions, "log">>;
  private readonly log: Logger | undefined;
  private readonly consumers = new Set<StreamConsumer>();
  /** ioredis does not prefix the key of XGROUP; we do it ourselves so tests' key prefixes hold. */
  readonly rawPrefix: string;

  constructor(
    private readonly redis: RedisClient,
    options: RedisStreamsOptions = {},
  ) {
    this.opts = {
      ...DEFAULT_BUS_OPTIONS,
      streamPrefix: "events:{bus}:",
      maxLen: 100_000,
      batchSize: 50,
      blockMs: 2_000,
      ...Object.fromEntries(Object.entries(options).filter(([k, v]) => k !== "log" && v !== undefined)),
    } as Required<Omit<RedisStreamsOptions, "log">>;
    this.log = options.log;
    this.rawPrefix = keyPrefixOf(redis);
  }

  streamKey(topic: Topic): string {
    return `${this.opts.streamPrefix}${topic}`;
  }

  get deadKey(): string {
    return `${this.opts.streamPrefix}dead`;
  }

  async publish(events: readonly BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const e of events) pipeline.xadd(...this.xaddArgs(e));
    const results = await pipeline.exec();
    if (!results) throw new Error("redis pipeline returned nothing");
    const failed = results.flatMap(([error], i) => (error ? [{ error, event: events[i]! }] : []));
    if (failed.length === 0) return;
    // While the bus's slot moves between cluster primaries, the streams already moved answer ASK (or
    // TRYAGAIN) and the rest are written; ioredis re-sends a pipeline only when every entry failed alike.
    // The refused entries were not written: sent one by one (in order), each follows its redirection.
    if (!isCluster(this.redis) || !failed.every(({ error }) => REDIRECTED.test(errorMessage(error))))
      throw failed[0]!.error;
    for (const { event } of failed) await this.redis.xadd(...this.xaddArgs(event));
  }

  private xaddArgs(e: BusEvent) {
    return [
      this.streamKey(e.topic),
      "MAXLEN",
      "~",
      this.opts.maxLen,
      "*",
      "data",
      JSON.stringify(e),
    ] as const;
  }

  async subscribe(options: SubscribeOptions, handler: EventHandler): Promise<Subscription> {
    const consumer = new StreamConsumer(this, this.redis, options, handler, this.opts, this.log);
    this.consumers.add(consumer);
    await consumer.start();
    return {
      consumer: consumer.name,
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const entries = (await this.redis.xrevrange(this.deadKey, "+", "-", "COUNT", limit)) as StreamEntry[];
    return entries.reverse().map(([, fields]) => {
      const f = fieldMap(fields);
      return {
        event: JSON.parse(f.data ?? "{}") as BusEvent,
        group: f.group ?? "",
        attempts: Number(f.attempts ?? 0),
        error: f.error ?? "",
      };
    });
  }

  /**
   * Whether Redis lost the bus's data since we last looked (a restart without persistence, a failover to
   * an empty replica): a marker key vanished. The first caller that notices re-creates it and gets `true`,
   * so exactly one relay replays the recent outbox.
   */
  async lostDataSinceLastCheck(): Promise<boolean> {
    const set = await this.redis.set(`${this.opts.streamPrefix}epoch`, randomUUID(), "NX");
    return set === "OK";
  }

  async deadLetter(
    key: string,
    id: string,
    group: string,
    event: BusEvent | undefined,
    raw: string,
    attempts: number,
    error: string,
  ) {
    await this.redis
      .multi()
      .xadd(
        this.deadKey,
        "MAXLEN",
        "~",
        10_000,
        "*",
        "group",
        group,
        "stream",
        key,
        "id",
        id,
        "attempts",
        String(attempts),
        "error",
        error,
        "data",
        event ? JSON.stringify(event) : raw,
      )
      .xack(key, group, id)
      .exec();
    this.log?.error({ group, stream: key, id, attempts, error }, "event dead-lettered");
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
  }
}
