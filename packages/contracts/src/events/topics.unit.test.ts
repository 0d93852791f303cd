import { describe, expect, it } from "vitest";
import { type EventPayload, isTopic, parseEventPayload, TOPIC_NAMES, TOPICS } from "../index.ts";

const at = "2026-12-06T14:00:00.000Z";
const order: EventPayload<"order.status_changed"> = {
  orderId: "8c1c0d3e-0000-4000-8000-000000000001",
  orderNumber: 7,
  regionCode: "US",
  storeId: "8c1c0d3e-0000-4000-8000-000000000002",
  customerId: "8c1c0d3e-0000-4000-8000-000000000003",
  channel: "delivery",
  status: "preparing",
  previousStatus: "placed",
  version: 2,
  at,
};

describe("event topics", () => {
  it("has one schema per topic, and knows its own names", () => {
    expect(TOPIC_NAMES).toHaveLength(Object.keys(TOPICS).length);
    expect(TOPIC_NAMES).toContain("order.ready");
    expect(isTopic("delivery.offered")).toBe(true);
    expect(isTopic("order.teleported")).toBe(false);
    expect(isTopic("toString")).toBe(false);
  });

  it("parses a payload of its topic and drops what the schema does not name", () => {
    const parsed = parseEventPayload("order.status_changed", { ...order, debug: "x" });
    expect(parsed).toEqual({ ok: true, payload: order });
  });

  it("keeps the fields a topic adds to the order's", () => {
    const ready = {
      ...order,
      status: "ready",
      lat: 40.7,
      lng: -74,
      promisedAt: null,
      paymentMethod: "cash",
      total: 1999,
    };
    expect(parseEventPayload("order.ready", ready)).toEqual({ ok: true, payload: ready });
    // The same payload without what dispatch needs is not an `order.ready`.
    expect(parseEventPayload("order.ready", order).ok).toBe(false);
  });

  it("tells which fields of a malformed payload are wrong", () => {
    const parsed = parseEventPayload("order.status_changed", { ...order, version: "2", status: "lost" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain("order.status_changed payload does not match its schema");
      expect(parsed.error).toContain("version");
      expect(parsed.error).toContain("status");
    }
    expect(parseEventPayload("order.placed", null).ok).toBe(false);
  });

  it("accepts each shape of menu.changed and refuses a mix of none", () => {
    const by = "8c1c0d3e-0000-4000-8000-000000000009";
    const stock = {
      storeId: order.storeId,
      entity: "topping",
      entityId: "basil",
      available: false,
      stock: null,
      by,
    };
    const region = {
      regionCode: "US",
      price: { regionCode: "US", entity: "item", entityId: "margherita", variant: "m", amount: 1299 },
      by,
    };
    expect(parseEventPayload("menu.changed", stock)).toEqual({ ok: true, payload: stock });
    expect(parseEventPayload("menu.changed", region)).toEqual({ ok: true, payload: region });
    expect(parseEventPayload("menu.changed", { storeId: order.storeId, by }).ok).toBe(false);
  });

  it("types the unassignment reasons dispatch writes", () => {
    const base = { deliveryId: "d", orderId: "o", storeId: "s", driverId: "r" };
    for (const reason of ["order_cancelled", "reassigned", "declined", "expired"])
      expect(parseEventPayload("delivery.unassigned", { ...base, reason }).ok).toBe(true);
    expect(parseEventPayload("delivery.unassigned", { ...base, reason: "bored" }).ok).toBe(false);
  });
});
