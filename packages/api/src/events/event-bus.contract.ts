import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Topic } from "../infra/outbox.ts";
import type { BusEvent, BusOptions, EventBus } from "./event-bus.ts";

export interface BusUnderTest {
  bus: EventBus;
  cleanup(): Promise<void>;
}

/** Options every adapter under contract is built with: short timers so redelivery is observable. */
export const CONTRACT_BUS_OPTIONS: Required<BusOptions> = { maxAttempts: 3, claimIdleMs: 300 };

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function anEvent(
  topic: Topic = "order.status_changed",
  payload: Record<string, unknown> = {},
): BusEvent {
  const id = randomUUID();
  return {
    id,
    topic,
    aggregateId: randomUUID(),
    payload: { n: 0, ...payload },
    createdAt: new Date().toISOString(),
  };
}

const events = (n: number, topic: Topic = "order.status_changed") =>
  Array.from({ length: n }, (_, i) => anEvent(topic, { n: i }));

/** The behaviour every EventBus adapter shares (run by event-bus.test.ts against memory and Redis Streams). */
export function eventBusContract(
  name: string,
  make: (options: Required<BusOptions>) => Promise<BusUnderTest>,
) {
  describe(`EventBus contract: ${name}`, () => {
    let t: BusUnderTest;
    beforeEach(async () => {
      t = await make(CONTRACT_BUS_OPTIONS);
    });
    afterEach(async () => {
      await t.bus.close();
      await t.cleanup();
    });

    it("delivers a topic's events to its subscriber in publish order, and no other topic's", async () => {
      const got: BusEvent[] = [];
      await t.bus.subscribe({ group: "g", topics: ["order.placed", "order.ready"] }, async (e) => {
        got.push(e);
      });
      const wanted = events(20, "order.placed");
      await t.bus.publish([...wanted.slice(0, 10), anEvent("payment.failed"), ...wanted.slice(10)]);
      await t.bus.publish([anEvent("order.ready", { last: true })]);
      await waitFor(() => got.length >= 21, 10_000, "21 events");
      expect(got.filter((e) => e.topic === "order.placed").map((e) => e.id)).toEqual(wanted.map((e) => e.id));
      expect(got.some((e) => e.topic === "payment.failed")).toBe(false);
      expect(got[0]).toEqual(wanted[0]);
    });

    it("gives every group every event, and shares a group's events among its subscribers without duplicates", async () => {
      const a: string[] = [];
      const b1: string[] = [];
      const b2: string[] = [];
      await t.bus.subscribe({ group: "a", topics: ["order.placed"] }, async (e) => {
        a.push(e.id);
      });
      await t.bus.subscribe({ group: "b", topics: ["order.placed"] }, async (e) => {
        b1.push(e.id);
        await new Promise((r) => setTimeout(r, 2));
      });
      await t.bus.subscribe({ group: "b", topics: ["order.placed"] }, async (e) => {
        b2.push(e.id);
        await new Promise((r) => setTimeout(r, 2));
      });
      const sent = events(60, "order.placed");
      for (let i = 0; i < sent.length; i += 10) await t.bus.publish(sent.slice(i, i + 10));
      await waitFor(() => a.length >= 60 && b1.length + b2.length >= 60, 10_000, "both groups");
      expect(new Set(a)).toEqual(new Set(sent.map((e) => e.id)));
      expect(b1.length + b2.length).toBe(60);
      expect(new Set([...b1, ...b2]).size).toBe(60);
    });

    it("lets a durable group created late read what was published before it, and a live group only what follows", async () => {
      const early = events(5, "order.ready");
      await t.bus.publish(early);
      const durable: string[] = [];
      const live: string[] = [];
      await t.bus.subscribe({ group: "durable", topics: ["order.ready"], from: "beginning" }, async (e) => {
        durable.push(e.id);
      });
      await t.bus.subscribe({ group: "live", topics: ["order.ready"], from: "new" }, async (e) => {
        live.push(e.id);
      });
      const late = anEvent("order.ready");
      await t.bus.publish([late]);
      await waitFor(() => durable.length >= 6 && live.length >= 1, 10_000, "durable and live");
      expect(durable).toEqual([...early.map((e) => e.id), late.id]);
      expect(live).toEqual([late.id]);
    });

    it("redelivers an event whose handler failed, then dead-letters it after maxAttempts", async () => {
      const attempts: Record<string, number[]> = {};
      const handled: string[] = [];
      await t.bus.subscribe({ group: "flaky", topics: ["order.placed"] }, async (e, d) => {
        attempts[e.id] = [...(attempts[e.id] ?? []), d.attempt];
        if (e.payload.poison) throw new Error("cannot handle this one");
        if (d.attempt === 1 && e.payload.flaky) throw new Error("transient");
        handled.push(e.id);
      });
      const flaky = anEvent("order.placed", { flaky: true });
      const poison = anEvent("order.placed", { poison: true });
      const fine = anEvent("order.placed");
      await t.bus.publish([flaky, poison, fine]);
      await waitFor(
        async () => (await t.bus.deadLetters()).length >= 1 && handled.length >= 2,
        15_000,
        "retry and dead letter",
      );
      expect(attempts[flaky.id]).toEqual([1, 2]);
      expect(attempts[fine.id]).toEqual([1]);
      expect(attempts[poison.id]).toEqual([1, 2, 3]);
      const dead = await t.bus.deadLetters();
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ group: "flaky", attempts: 3, error: "cannot handle this one" });
      expect(dead[0]!.event.id).toBe(poison.id);
      // Dead-lettered means never delivered again.
      await new Promise((r) => setTimeout(r, CONTRACT_BUS_OPTIONS.claimIdleMs * 3));
      expect(attempts[poison.id]).toHaveLength(3);
    });

    it("hands what a consumer that died mid-batch left unacknowledged to another subscriber of the group", async () => {
      const handledBy = new Map<string, string[]>();
      const mark = (id: string, who: string) => handledBy.set(id, [...(handledBy.get(id) ?? []), who]);
      let seen = 0;
      const dying = await t.bus.subscribe({ group: "workers", topics: ["order.ready"] }, async (e) => {
        seen++;
        if (seen > 10) await new Promise(() => {}); // the process "died": it never returns nor acknowledges
        mark(e.id, "dying");
      });
      const sent = events(20, "order.ready");
      await t.bus.publish(sent);
      await waitFor(() => seen > 10, 10_000, "the first consumer to take half");
      await dying.close();
      await t.bus.subscribe({ group: "workers", topics: ["order.ready"] }, async (e) => {
        mark(e.id, "survivor");
      });
      await waitFor(() => handledBy.size >= 20, 10_000, "the survivor to claim the rest");
      expect([...handledBy.keys()].sort()).toEqual(sent.map((e) => e.id).sort());
      expect([...handledBy.values()].filter((who) => who.length > 1)).toEqual([]);
      expect([...handledBy.values()].filter((who) => who[0] === "survivor").length).toBeGreaterThanOrEqual(
        10,
      );
    });
  });
}
