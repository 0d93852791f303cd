// One subscription of the Redis Streams bus: a consumer in its group, reading with XREADGROUP on a
// connection of its own, taking over what dead consumers left (XAUTOCLAIM), acking in batches, and
// dead-lettering an entry after the bus's `maxAttempts` deliveries.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import { duplicateRedis, type RedisClient } from "../infra/redis.ts";
import { type BusEvent, type EventHandler, errorMessage, type SubscribeOptions } from "./event-bus.ts";
import type { RedisStreamsEventBus, RedisStreamsOptions } from "./redis-streams-event-bus.ts";

export type StreamEntry = [id: string, fields: string[]];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class StreamConsumer {
  readonly name = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly keys: string[];
  private conn: RedisClient | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;

  constructor(
    private readonly bus: RedisStreamsEventBus,
    private readonly redis: RedisClient,
    private readonly options: SubscribeOptions,
    private readonly handler: EventHandler,
    private readonly opts: Required<Omit<RedisStreamsOptions, "log">>,
    private readonly log: Logger | undefined,
  ) {
    this.keys = [...new Set(options.topics)].map((t) => bus.streamKey(t));
  }

  async start() {
    // Blocking reads get their own connection so they never hold up publishes or acks.
    this.conn = duplicateRedis(this.redis);
    this.conn.on("error", () => {}); // reported by the loop
    // With Redis down at start-up the node still boots: the loop keeps trying to create the groups.
    const created = await this.ensureGroups().then(
      () => true,
      (error: unknown) => {
        this.log?.warn(
          { group: this.options.group, err: errorMessage(error) },
          "event consumer: redis unavailable, retrying",
        );
        return false;
      },
    );
    this.loop = this.run(created);
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.conn?.disconnect();
    // A handler that never returns (a hung consumer) must not hold up shutdown; the group reclaims its entry.
    await Promise.race([this.loop, sleep(1_000)]);
  }

  /**
   * `afterLoss`: the group vanished with Redis's data, so the streams are new too and everything in them
   * was published since; even a live group starts at their beginning, or it would skip what the relay
   * republished before the group was back.
   */
  private async ensureGroups(afterLoss = false) {
    const start = this.options.from === "new" && !afterLoss ? "$" : "0";
    for (const key of this.keys) {
      try {
        await this.redis.xgroup(
          "CREATE",
          `${this.bus.rawPrefix}${key}`,
          this.options.group,
          start,
          "MKSTREAM",
        );
      } catch (error) {
        if (!errorMessage(error).includes("BUSYGROUP")) throw error;
      }
    }
  }

  private async run(created: boolean) {
    let failures = 0;
    let needGroups = false;
    let groupsCreated = created;
    while (!this.stopped) {
      try {
        if (!groupsCreated) {
          await this.ensureGroups();
          groupsCreated = true;
        }
        if (needGroups) {
          await this.ensureGroups(true);
          needGroups = false;
        }
        if (Date.now() - this.lastClaim >= Math.max(50, this.opts.claimIdleMs / 2)) {
          this.lastClaim = Date.now();
          await this.claim();
        }
        const blockMs = Math.min(this.opts.blockMs, Math.max(50, this.opts.claimIdleMs / 2));
        const reply = (await this.conn!.xreadgroup(
          "GROUP",
          this.options.group,
          this.name,
          "COUNT",
          this.opts.batchSize,
          "BLOCK",
          blockMs,
          "STREAMS",
          ...this.keys,
          ...this.keys.map(() => ">"),
        )) as [string, StreamEntry[]][] | null;
        failures = 0;
        for (const [rawKey, entries] of reply ?? []) {
          const key = rawKey.startsWith(this.bus.rawPrefix)
            ? rawKey.slice(this.bus.rawPrefix.length)
            : rawKey;
          for (const [id, fields] of entries) {
            if (this.stopped) return;
            if (await this.process(key, id, fields, 1)) this.ackSoon(key, id);
          }
        }
      } catch (error) {
        if (this.stopped) return;
        const message = errorMessage(error);
        if (message.includes("NOGROUP")) needGroups = true;
        failures++;
        this.log?.warn({ group: this.options.group, err: message }, "event consumer: redis error, retrying");
        await sleep(Math.min(2_000, 50 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** Takes over entries idle for `claimIdleMs` in the group (their consumer died or failed them). */
  private async claim() {
    for (const key of this.keys) {
      let cursor = "0-0";
      do {
        const [next, entries] = (await this.redis.xautoclaim(
          key,
          this.options.group,
          this.name,
          this.opts.claimIdleMs,
          cursor,
          "COUNT",
          this.opts.batchSize,
        )) as [string, (StreamEntry | null)[]];
        cursor = next;
        const claimed = entries.filter((e): e is StreamEntry => Array.isArray(e));
        if (claimed.length === 0) continue;
        const counts = new Map<string, number>();
        const pending = (await this.redis.xpending(
          key,
          this.options.group,
          claimed[0]![0],
          claimed[claimed.length - 1]![0],
          claimed.length,
          this.name,
        )) as [string, string, number, number][];
        for (const [id, , , deliveries] of pending) counts.set(id, Number(deliveries));
        for (const [id, fields] of claimed) {
          if (this.stopped) return;
          const attempt = counts.get(id) ?? 2;
          if (attempt > this.opts.maxAttempts) {
            // Its previous deliveries never came back (the consumer died handling it each time): a poison message.
            const f = fieldMap(fields);
            await this.bus.deadLetter(
              key,
              id,
              this.options.group,
              undefined,
              f.data ?? "",
              attempt - 1,
              "consumer died while handling it",
            );
            continue;
          }
          if (await this.process(key, id, fields, attempt)) await this.ack(key, [id]);
        }
      } while (cursor !== "0-0" && !this.stopped);
    }
  }

  /**
   * Acks are gathered and sent as one XACK per stream on the next turn of the event loop, not one
   * awaited round trip per entry: a batch of fast handlers costs one command. The flush does not wait
   * for the batch to end, so the entries handled before a handler that hangs are still acked.
   */
  private readonly acks = new Map<string, string[]>();
  private flushScheduled = false;

  private ackSoon(key: string, id: string) {
    const ids = this.acks.get(key);
    if (ids) ids.push(id);
    else this.acks.set(key, [id]);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batches = [...this.acks];
      this.acks.clear();
      for (const [k, list] of batches) void this.ack(k, list);
    });
  }

  private async ack(key: string, ids: string[]) {
    // An ack lost to a Redis blip means one more delivery later, which the idempotent handler absorbs.
    if (ids.length > 0) await this.redis.xack(key, this.options.group, ...ids).catch(() => undefined);
  }

  /** Hands one entry to the handler; true when it was handled and should be acked. */
  private async process(key: string, id: string, fields: string[], attempt: number): Promise<boolean> {
    const raw = fieldMap(fields).data ?? "";
    let event: BusEvent;
    try {
      event = JSON.parse(raw) as BusEvent;
    } catch {
      await this.bus.deadLetter(key, id, this.options.group, undefined, raw, attempt, "unparseable entry");
      return false;
    }
    try {
      await this.handler(event, { attempt, consumer: this.name });
    } catch (error) {
      if (this.stopped) return false;
      if (attempt >= this.opts.maxAttempts) {
        await this.bus.deadLetter(key, id, this.options.group, event, raw, attempt, errorMessage(error));
      } else {
        this.log?.warn(
          {
            group: this.options.group,
            eventId: event.id,
            topic: event.topic,
            attempt,
            err: errorMessage(error),
          },
          "event handler failed; it will be redelivered",
        );
      }
      return false;
    }
    return true;
  }
}

export function fieldMap(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!] = fields[i + 1]!;
  return out;
}
