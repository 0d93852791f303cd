// Waiting in tests on a positive signal (a condition that became true, a call that happened) instead of
// sleeping and hoping the thing has happened, or has not, by then.
import { vi } from "vitest";
import type { BusEvent, EventBus } from "../events/event-bus.ts";

/**
 * Polls `check` until it returns a truthy value, and returns that value. Fails after `timeoutMs` with
 * "still waiting for <what>" (or the error `check` last threw).
 */
export function until<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (!value) throw new Error(`still waiting for ${what} (${timeoutMs} ms)`);
      return value as NonNullable<T>;
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
