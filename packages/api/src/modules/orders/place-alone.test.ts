// A cash order with nothing else to write runs its statement without a transaction (insert-order.ts): its
// row, items, history and event are inserted only when the statement claimed its kitchen slot. On real
// PostgreSQL: carryout cash orders racing for one-pizza slots are each written whole, in a slot of their
// own (the ones that found their planned slot taken fell back to the transaction), and the slot counters
// equal what the orders claim.
import { sql } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, aStaff, storeId } from "../../testing/builders.ts";
import { createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { slotTallies } from "../../testing/kitchen-slots.ts";

const RACERS = 8;

describe("cash orders written by their statement alone (real PostgreSQL)", () => {
  let t: TestPlatform;
  let store: string;

  beforeAll(async () => {
    t = await createTestPlatform({ db: "postgres", redis: false }, { seed: true });
    store = await storeId(t, "nyc-midtown");
    const staff = await aStaff(t, "nyc-midtown");
    // One pizza per slot: every racer plans the same first slot, and only one can have it.
    await t.caller(staff).store.setKitchenCapacity({ storeId: store, capacity: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("writes each racing order whole in a slot of its own, and the counters equal the claims", async () => {
    const customers = await Promise.all(Array.from({ length: RACERS }, () => aCustomer(t)));
    const orders = await Promise.all(
      customers.map((c) =>
        t
          .caller(c)
          .order.placeOrder(
            aCarryoutOrder(store, { items: [{ itemId: "pepperoni", variant: "large", quantity: 1 }] }),
          ),
      ),
    );
    expect(orders.map((o) => o.status)).toEqual(Array(RACERS).fill("placed"));
    // A slot each: the ready estimates are all different.
    expect(new Set(orders.map((o) => o.readyEstimateAt)).size).toBe(RACERS);

    const ids = orders.map((o) => o.id);
    const counts = await sql<{ id: string; items: number; history: number; placed: number }>`
      select o.id,
             (select count(*) from order_items i where i.order_id = o.id)::int as items,
             (select count(*) from order_status_history h where h.order_id = o.id)::int as history,
             (select count(*) from outbox x where x.aggregate_id = o.id::text and x.topic = 'order.placed')::int as placed
      from orders o where o.id = any(${ids}::uuid[])`.execute(t.platform.db);
    expect(counts.rows).toHaveLength(RACERS);
    for (const row of counts.rows) expect(row).toEqual({ id: row.id, items: 1, history: 1, placed: 1 });

    const slots = await slotTallies(t.platform.db, store);
    expect(slots.filter((r) => r.counted !== r.live)).toEqual([]);
    expect(Math.max(...slots.map((r) => r.counted))).toBe(1);
  });
});
