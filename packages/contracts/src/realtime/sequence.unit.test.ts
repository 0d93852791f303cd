import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../order-status.ts";
import { OrderTracker } from "./sequence.ts";
import type { DriverPositionEvent, OrderSnapshot, OrderStatusEvent } from "./socket-events.ts";

const orderId = "8c1c0d3e-0000-4000-8000-000000000001";
const status = (s: OrderStatus, version: number): OrderStatusEvent => ({
  topic: "order.status_changed",
  orderId,
  orderNumber: 7,
  storeId: "s",
  channel: "delivery",
  status: s,
  previousStatus: null,
  version,
  at: new Date(1_000 * version).toISOString(),
});
const snapshot = (s: OrderStatus, version: number): OrderSnapshot => ({
  orderId,
  orderNumber: 7,
  storeId: "s",
  channel: "delivery",
  status: s,
  version,
  timeline: [{ status: s, version, at: new Date(1_000 * version).toISOString() }],
  driver: null,
  at: new Date().toISOString(),
});
const pos = (version: number, at: number): DriverPositionEvent => ({
  orderId,
  version,
  driverId: "d",
  position: { lat: 1, lng: 2, at },
});

describe("OrderTracker (client-side sequence)", () => {
  it("drops duplicates and stale events, whatever order they arrive in", () => {
    const t = new OrderTracker(orderId);
    expect(t.onStatus(status("preparing", 2))).toBe(true);
    expect(t.onStatus(status("preparing", 2))).toBe(false); // duplicate delivery
    expect(t.onStatus(status("baking", 4))).toBe(true);
    expect(t.onStatus(status("quality_check", 3))).toBe(false); // late
    expect(t.onSnapshot(snapshot("preparing", 2))).toBe(false); // a snapshot older than what we hold
    expect(t.state).toMatchObject({ status: "baking", version: 4 });
    expect(t.dropped).toBe(3);
  });

  it("lets a snapshot catch a client up, after which earlier events are ignored", () => {
    const t = new OrderTracker(orderId);
    expect(t.onSnapshot(snapshot("ready", 6))).toBe(true);
    expect(t.onStatus(status("baking", 4))).toBe(false);
    expect(t.onStatus(status("out_for_delivery", 7))).toBe(true);
    expect(t.state.status).toBe("out_for_delivery");
  });

  it("applies positions of the current delivery only when newer, and drops them after delivery", () => {
    const t = new OrderTracker(orderId);
    t.onStatus(status("out_for_delivery", 7));
    expect(t.onPosition(pos(7, 100))).toBe(true);
    expect(t.onPosition(pos(7, 100))).toBe(false);
    expect(t.onPosition(pos(7, 50))).toBe(false);
    expect(t.onPosition(pos(7, 200))).toBe(true);
    expect(t.state.driverPosition?.at).toBe(200);
    t.onStatus(status("delivered", 8));
    expect(t.state.driverPosition).toBeNull();
    expect(t.onPosition(pos(7, 300))).toBe(false);
  });
});
