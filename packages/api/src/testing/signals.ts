// Waiting in tests on a positive signal (a condition that became true, a call that happened) instead of
// sleeping and hoping the thing has happened, or has not, by then.
import type { Database, Kysely } from "@pizza/db";
import type { RedisClient } from "@pizza/dispatch";
import { vi } from "vitest";
import type { BusEvent, EventBus } from "../events/event-bus.ts";
import type { RedisStreamsEventBus } from "../events/redis-streams-event-bus.ts";
import type { Topic } from "../infra/outbox.ts";

type Falsy = undefined | null | false;

/**
 * Polls `check` until it returns a truthy value, and returns that value. Fails after `timeoutMs`
 * (generous: on a loaded machine the bus → consumer → database path can take seconds) with "still
 * waiting for <what>", or the error `check` last threw.
 */
export function until<T>(
  what: string,
  check: () => T | Falsy | Promise<T | Falsy>,
  timeoutMs = 20_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (!value) throw new Error(`still waiting for ${what} (${timeoutMs} ms)`);
      return value;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

/** A promise with its resolve at hand: a gate a test opens, or a signal code under test gives. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export interface PublishAttempt {
  events: readonly BusEvent[];
  failed: boolean;
}

/**
 * Records every `publish` on `bus` and whether the bus refused it: "the relay tried to publish this
 * event while Redis was down, and failed" is something a test can wait for.
 */
export function watchPublishes(bus: EventBus): {
  attempts: PublishAttempt[];
  refused(match: (e: BusEvent) => boolean): boolean;
  restore(): void;
} {
  const attempts: PublishAttempt[] = [];
  const original = bus.publish.bind(bus);
  const spy = vi.spyOn(bus, "publish").mockImplementation(async (events) => {
    try {
      await original(events);
      attempts.push({ events, failed: false });
    } catch (error) {
      attempts.push({ events, failed: true });
      throw error;
    }
  });
  return {
    attempts,
    refused: (match) => attempts.some((a) => a.failed && a.events.some(match)),
    restore: () => spy.mockRestore(),
  };
}

/**
 * `bus` as seen by one consumer, with every delivery that consumer's handler finished (handled, or
 * skipped as a duplicate) counted by event id: "the redelivery of X has been dealt with" becomes a signal.
 */
export function tapDeliveries(bus: EventBus): { bus: EventBus; finished: Map<string, number> } {
  const finished = new Map<string, number>();
  const tapped = new Proxy(bus, {
    get(target, property) {
      if (property === "subscribe") {
        const subscribe: EventBus["subscribe"] = (options, handler) =>
          target.subscribe(options, async (event, delivery) => {
            await handler(event, delivery);
            finished.set(event.id, (finished.get(event.id) ?? 0) + 1);
          });
        return subscribe;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { bus: tapped, finished };
}

/**
 * Holds every call of `target[method]` until `release()`: the call has been made (`reached`) and is
 * still in flight for as long as the test needs, however slow the machine is. `restore()` undoes it.
 */
export function holdCalls<T extends object>(
  target: T,
  method: keyof T & string,
): { reached: Promise<void>; release(): void; restore(): void } {
  const original = Reflect.get(target, method) as (...args: unknown[]) => unknown;
  const reached = deferred();
  const gate = deferred();
  const held = async (...args: unknown[]) => {
    reached.resolve();
    await gate.promise;
    return original.apply(target, args);
  };
  Reflect.set(target, method, held);
  return {
    reached: reached.promise,
    release: () => gate.resolve(),
    restore: () => {
      gate.resolve();
      if (Object.hasOwn(target, method) && Reflect.get(target, method) === held)
        Reflect.deleteProperty(target, method);
    },
  };
}

/**
 * Every outbox row of `topic` is published, and consumer group `group` has read all of its stream and
 * acknowledged everything it read: no delivery of that topic is left to come to the group.
 */
export async function groupCaughtUp(
  db: Kysely<Database>,
  bus: RedisStreamsEventBus,
  redis: RedisClient,
  topic: Topic,
  group: string,
): Promise<boolean> {
  const unpublished = await db
    .selectFrom("outbox")
    .select("seq")
    .where("topic", "=", topic)
    .where("published_at", "is", null)
    .limit(1)
    .execute();
  if (unpublished.length > 0) return false;
  // ioredis does not prefix XINFO's key: the bus's own prefix is added here.
  const key = `${bus.rawPrefix}${bus.streamKey(topic)}`;
  const stream = fields((await redis.xinfo("STREAM", key)) as unknown[]);
  const groups = ((await redis.xinfo("GROUPS", key)) as unknown[][]).map(fields);
  const g = groups.find((x) => x.name === group);
  return g?.pending === 0 && g["last-delivered-id"] === stream["last-generated-id"];
}

/** Redis's flat [name, value, name, value…] replies as an object. */
function fields(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** Waits for the pending offer of an order's delivery to `driverId`: its id and the delivery's. */
export function pendingOfferTo(db: Kysely<Database>, orderId: string, driverId: string) {
  return until("the driver's offer", () =>
    db
      .selectFrom("delivery_offers as f")
      .innerJoin("deliveries as d", "d.id", "f.delivery_id")
      .select(["f.id", "f.delivery_id"])
      .where("d.order_id", "=", orderId)
      .where("f.driver_id", "=", driverId)
      .where("f.status", "=", "pending")
      .executeTakeFirst(),
  );
}
