import { randomUUID } from "node:crypto";
import { createTestDb, type DbHandle } from "@pizza/db/testing";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventsRuntime } from "./consumers.ts";
import { waitFor } from "./event-bus.contract.ts";
import type { BusEvent } from "./event-bus.ts";
import { MemoryEventBus } from "./memory-event-bus.ts";
import { sampleOrderPayload } from "./testing.ts";

/** Consumers get payloads parsed with their topic's schema; a malformed one is logged and skipped. */
describe("typed consumers", () => {
  let db: DbHandle;
  let bus: MemoryEventBus;
  let runtime: EventsRuntime;
  let logged: { msg: string; topic?: string; reason?: string; eventId?: string }[];

  beforeEach(async () => {
    db = await createTestDb("pglite");
    bus = new MemoryEventBus({ maxAttempts: 3, claimIdleMs: 200 });
    logged = [];
    const log = pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    runtime = new EventsRuntime(db.db, bus, log);
  });
  afterEach(async () => {
    await runtime.stop();
    await bus.close();
    await db.close();
  });

  const event = (topic: BusEvent["topic"], payload: Record<string, unknown>): BusEvent => ({
    id: randomUUID(),
    topic,
    aggregateId: randomUUID(),
    payload,
    createdAt: new Date().toISOString(),
  });

  it("hands once and live consumers the parsed payload and skips a malformed one without failing", async () => {
    const once: BusEvent[] = [];
    const live: BusEvent[] = [];
    runtime.register({
      name: "test.once",
      topics: ["order.status_changed"],
      handle: async (e) => {
        // Typed: the status is one of the order statuses, the version a number.
        if (e.payload.version > 0) once.push(e);
      },
    });
    runtime.registerLive({
      name: "test.live",
      topics: ["order.status_changed"],
      from: "beginning",
      handle: async (e) => {
        live.push(e);
      },
    });
    await runtime.start({ relay: false });

    const malformed = event("order.status_changed", { ...sampleOrderPayload(0), version: "two" });
    const good = event("order.status_changed", { ...sampleOrderPayload(1), extra: "dropped" });
    await bus.publish([malformed, good]);

    await waitFor(() => once.length === 1 && live.length === 1, 10_000, "the good event in both consumers");
    await waitFor(() => logged.length >= 2, 10_000, "the malformed event logged by both consumers");
    expect(once.map((e) => e.id)).toEqual([good.id]);
    expect(live.map((e) => e.id)).toEqual([good.id]);
    expect(once[0]!.payload).not.toHaveProperty("extra");
    expect(logged.map((l) => l.msg)).toEqual(["malformed event skipped", "malformed event skipped"]);
    expect(logged[0]).toMatchObject({ topic: "order.status_changed", eventId: malformed.id });
    expect(logged[0]!.reason).toContain("version");
    // Skipped, not failed: nothing waits for a retry or lands in the dead letters.
    expect(await bus.deadLetters()).toEqual([]);
  });

  it("acknowledges an event the consumer does not want without a transaction or a processed_events row", async () => {
    const handled: string[] = [];
    runtime.register({
      name: "test.wants-baking",
      topics: ["order.status_changed"],
      wants: (e) => e.payload.status === "baking",
      handle: async (e) => {
        handled.push(e.id);
      },
    });
    await runtime.start({ relay: false });

    const placed = event("order.status_changed", sampleOrderPayload(0));
    const baking = event("order.status_changed", { ...sampleOrderPayload(1), status: "baking" });
    await bus.publish([placed, baking]);
    await waitFor(() => handled.length === 1, 10_000, "the wanted event handled");
    // The wanted one delivered again (the bus is at least once) is still handled once, by its row.
    const later = event("order.status_changed", { ...sampleOrderPayload(2), status: "baking" });
    await bus.publish([baking, later]);
    await waitFor(() => handled.length === 2, 10_000, "the next wanted event handled");

    expect(handled).toEqual([baking.id, later.id]);
    const rows = await db.db
      .selectFrom("processed_events")
      .select("event_id")
      .where("consumer", "=", "test.wants-baking")
      .execute();
    expect(rows.map((r) => r.event_id).sort()).toEqual([baking.id, later.id].sort());
  });

  it("runs a keyed consumer's one write without a transaction or a processed_events row, once by its key", async () => {
    const seen: string[] = [];
    runtime.registerKeyed({
      name: "test.keyed",
      topics: ["order.status_changed"],
      keyed: true,
      handle: async (e, kdb) => {
        seen.push(e.id);
        // The write is keyed on the event id: a redelivery's insert does nothing.
        await kdb
          .insertInto("outbox")
          .values({ id: e.id, topic: "test.keyed", aggregate_id: e.aggregateId, payload: "{}" })
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
      },
    });
    await runtime.start({ relay: false });

    const first = event("order.status_changed", sampleOrderPayload(0));
    await bus.publish([first]);
    await waitFor(() => seen.length === 1, 10_000, "the event handled");
    const later = event("order.status_changed", sampleOrderPayload(1));
    await bus.publish([first, later]);
    await waitFor(() => seen.includes(later.id), 10_000, "the later event handled");

    expect(seen).toEqual([first.id, first.id, later.id]);
    const written = await db.db.selectFrom("outbox").select("id").where("topic", "=", "test.keyed").execute();
    expect(written.map((r) => r.id).sort()).toEqual([first.id, later.id].sort());
    const rows = await db.db
      .selectFrom("processed_events")
      .select("event_id")
      .where("consumer", "=", "test.keyed")
      .execute();
    expect(rows).toEqual([]);
  });
});
