import { randomUUID } from "node:crypto";
import type { Topic } from "../infra/outbox.ts";
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

interface Pending {
  event: BusEvent;
  attempts: number;
  owner: Subscriber | undefined;
  since: number;
}

interface Subscriber {
  id: string;
  handler: EventHandler;
  queue: Pending[];
  busy: boolean;
  closed: boolean;
}

interface Group {
  name: string;
  topics: Set<Topic>;
  /** Absolute position in the log of the next event this group has not seen. */
  cursor: number;
  subscribers: Subscriber[];
  next: number;
  pending: Map<string, Pending>;
}

/**
 * The in-process bus (no REDIS_URL): the same semantics as the Redis Streams adapter — consumer groups,
 * redelivery of what a handler failed or a dead subscriber left unacknowledged, dead letters — kept in
 * memory, so a single node behaves exactly like a cluster of one. It keeps the last `logSize` events so a
 * group created late still sees what was published since start-up.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = "memory" as const;
  private readonly log: BusEvent[] = [];
  private logStart = 0;
  private readonly groups = new Map<string, Group>();
  private readonly dead: DeadLetter[] = [];
  private readonly opts: Required<BusOptions>;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private lossChecked = false;

  constructor(
    options: BusOptions = {},
    private readonly logSize = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.opts = { ...DEFAULT_BUS_OPTIONS, ...options };
    this.timer = setInterval(() => this.claimIdle(), Math.max(10, Math.floor(this.opts.claimIdleMs / 2)));
    this.timer.unref();
  }

  async publish(events: readonly BusEvent[]): Promise<void> {
    if (this.closed) throw new Error("event bus is closed");
    for (const e of events) this.log.push(structuredClone(e));
    const overflow = this.log.length - this.logSize;
    if (overflow > 0) {
      this.log.splice(0, overflow);
      this.logStart += overflow;
    }
    for (const g of this.groups.values()) this.pump(g);
  }

  async subscribe(options: SubscribeOptions, handler: EventHandler): Promise<Subscription> {
    let group = this.groups.get(options.group);
    if (!group) {
      group = {
        name: options.group,
        topics: new Set(options.topics),
        cursor: options.from === "new" ? this.logStart + this.log.length : this.logStart,
        subscribers: [],
        next: 0,
        pending: new Map(),
      };
      this.groups.set(options.group, group);
    } else {
      for (const t of options.topics) group.topics.add(t);
    }
    const sub: Subscriber = {
      id: `mem-${randomUUID().slice(0, 8)}`,
      handler,
      queue: [],
      busy: false,
      closed: false,
    };
    group.subscribers.push(sub);
    const g = group;
    this.pump(g);
    // Deliveries that were waiting for a live subscriber.
    for (const p of g.pending.values()) if (!p.owner) this.assign(g, p);
    return {
      consumer: sub.id,
      close: async () => {
        sub.closed = true;
        g.subscribers = g.subscribers.filter((s) => s !== sub);
      },
    };
  }

  /** A new process starts with an empty bus: the relay republishes its recent window once, in case it crashed mid-flight. */
  async lostDataSinceLastCheck(): Promise<boolean> {
    const first = !this.lossChecked;
    this.lossChecked = true;
    return first;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.dead.slice(-limit);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const g of this.groups.values()) for (const s of g.subscribers) s.closed = true;
  }

  private pump(g: Group) {
    if (g.cursor < this.logStart) g.cursor = this.logStart;
    while (g.cursor < this.logStart + this.log.length) {
      const event = this.log[g.cursor - this.logStart]!;
      g.cursor++;
      if (!g.topics.has(event.topic)) continue;
      const p: Pending = { event, attempts: 0, owner: undefined, since: this.now() };
      g.pending.set(`${g.cursor}:${event.id}`, p);
      this.assign(g, p);
    }
  }

  private assign(g: Group, p: Pending, except?: Subscriber) {
    const live = g.subscribers.filter((s) => !s.closed && s !== except);
    const candidates = live.length > 0 ? live : g.subscribers.filter((s) => !s.closed);
    if (candidates.length === 0) {
      p.owner = undefined;
      return;
    }
    const sub = candidates[g.next++ % candidates.length]!;
    p.owner = sub;
    p.since = this.now();
    sub.queue.push(p);
    void this.drain(g, sub);
  }

  private async drain(g: Group, sub: Subscriber) {
    if (sub.busy) return;
    sub.busy = true;
    try {
      while (!sub.closed && sub.queue.length > 0) {
        const p = sub.queue.shift()!;
        if (p.owner !== sub) continue; // claimed by someone else meanwhile
        p.attempts++;
        p.since = this.now();
        try {
          await sub.handler(structuredClone(p.event), { attempt: p.attempts, consumer: sub.id });
          if (p.owner === sub) this.ack(g, p);
        } catch (error) {
          if (p.owner !== sub) continue;
          if (p.attempts >= this.opts.maxAttempts) {
            this.dead.push({
              event: p.event,
              group: g.name,
              attempts: p.attempts,
              error: errorMessage(error),
            });
            this.ack(g, p);
          }
          // Otherwise it stays pending and is redelivered once idle, like an unacknowledged stream entry.
        }
      }
    } finally {
      sub.busy = false;
    }
  }

  private ack(g: Group, p: Pending) {
    for (const [k, v] of g.pending) {
      if (v === p) {
        g.pending.delete(k);
        return;
      }
    }
  }

  private claimIdle() {
    const now = this.now();
    for (const g of this.groups.values()) {
      for (const p of g.pending.values()) {
        if (now - p.since < this.opts.claimIdleMs) continue;
        const previous = p.owner;
        if (p.attempts >= this.opts.maxAttempts) {
          this.dead.push({ event: p.event, group: g.name, attempts: p.attempts, error: "consumer died" });
          this.ack(g, p);
          continue;
        }
        this.assign(g, p, previous);
      }
    }
  }
}
