// Which moment a cancellation is: refused (the store, before starting), expired (the platform, unpaid),
// or cancelled (the customer; or the store later, with its reason). Only the store's words are repeated.
import { describe, expect, it } from "vitest";
import type { TopicEvent } from "../../events/consumers.ts";
import { momentOf } from "./moment-consumers.ts";

const cancelled = (
  by: "customer" | "store" | "system",
  previousStatus: "placed" | "baking" | "pending_payment",
  reason: string,
): TopicEvent<"order.cancelled"> => ({
  id: "e1",
  topic: "order.cancelled",
  aggregateId: "o1",
  createdAt: new Date().toISOString(),
  payload: {
    orderId: "o1",
    orderNumber: 7,
    regionCode: "de",
    storeId: "s1",
    customerId: "c1",
    channel: "delivery",
    status: "cancelled",
    previousStatus,
    version: 3,
    at: new Date().toISOString(),
    reason,
    total: 1000,
    currency: "EUR",
    paymentMethod: "card",
    by,
  },
});

describe("momentOf a cancellation", () => {
  it.each([
    ["store", "placed", "order_refused", "No dough"],
    ["store", "baking", "order_cancelled", "No dough"],
    ["system", "pending_payment", "order_expired", null],
    ["customer", "placed", "order_cancelled", null],
  ] as const)("by %s from %s is %s", (by, from, moment, reason) => {
    const job = momentOf(cancelled(by, from, by === "system" ? "We cancelled this order…" : "No dough"));
    expect(job).toMatchObject({ eventId: "e1", userId: "c1", moment, payload: { orderId: "o1", reason } });
  });
});
