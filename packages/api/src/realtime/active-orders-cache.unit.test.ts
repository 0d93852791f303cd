import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ActiveOrder, ActiveOrdersCache } from "./active-orders-cache.ts";

/** A loader over a table the test edits, recording each call's drivers. */
function table() {
  const orders = new Map<string, ActiveOrder[]>();
  const calls: string[][] = [];
  let gate: Promise<void> = Promise.resolve();
  const load = async (ids: readonly string[]) => {
    calls.push([...ids].sort());
    const answer = new Map(ids.flatMap((id) => (orders.has(id) ? [[id, orders.get(id)!] as const] : [])));
    await gate;
    return answer;
  };
  return {
    orders,
    calls,
    load,
    hold() {
      let open!: () => void;
      gate = new Promise((r) => {
        open = r;
      });
      return () => open();
    },
  };
}

describe("ActiveOrdersCache", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "Date"] }));
  afterEach(() => vi.useRealTimers());

  it("loads the drivers first seen in the same turn with one query, and serves them from memory after", async () => {
    const t = table();
    t.orders.set("d1", [{ orderId: "o1", version: 3 }]);
    const cache = new ActiveOrdersCache(t.load);
    const first = Promise.all(["d1", "d2", "d3", "d1"].map((d) => cache.get(d)));
    await vi.runAllTimersAsync();
    expect(await first).toEqual([[{ orderId: "o1", version: 3 }], [], [], [{ orderId: "o1", version: 3 }]]);
    expect(t.calls).toEqual([["d1", "d2", "d3"]]);
    expect(await cache.get("d2")).toEqual([]);
    expect(t.calls).toHaveLength(1);
  });

  it("serves expired entries while one shared query refreshes every driver that expired meanwhile", async () => {
    const t = table();
    const cache = new ActiveOrdersCache(t.load);
    for (const d of ["a", "b", "c"]) cache.warm(d);
    await vi.runAllTimersAsync();
    t.orders.set("a", [{ orderId: "o9", version: 1 }]);
    vi.advanceTimersByTime(13_000); // past every jittered expiry (8–12 s)
    expect(await Promise.all(["a", "b", "c"].map((d) => cache.get(d)))).toEqual([[], [], []]);
    await vi.runAllTimersAsync();
    expect(t.calls).toEqual([
      ["a", "b", "c"],
      ["a", "b", "c"],
    ]);
    expect(await cache.get("a")).toEqual([{ orderId: "o9", version: 1 }]);
  });

  it("does not keep an answer for a driver invalidated while its query ran", async () => {
    const t = table();
    const cache = new ActiveOrdersCache(t.load);
    const release = t.hold();
    const pending = cache.get("d");
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls).toEqual([["d"]]);
    cache.invalidate("d"); // e.g. the order went out for delivery while the query ran
    t.orders.set("d", [{ orderId: "o1", version: 5 }]);
    release();
    expect(await pending).toEqual([]);
    const next = cache.get("d");
    await vi.runAllTimersAsync();
    expect(await next).toEqual([{ orderId: "o1", version: 5 }]);
    expect(t.calls).toEqual([["d"], ["d"]]);
  });

  it("lets a failed refresh be tried again by a later position", async () => {
    const t = table();
    let fail = false;
    const cache = new ActiveOrdersCache(async (ids) => {
      if (fail) throw new Error("database away");
      return t.load(ids);
    });
    cache.warm("d");
    await vi.runAllTimersAsync();
    vi.advanceTimersByTime(13_000);
    fail = true;
    await cache.get("d");
    await vi.runAllTimersAsync();
    fail = false;
    t.orders.set("d", [{ orderId: "o2", version: 2 }]);
    await cache.get("d");
    await vi.runAllTimersAsync();
    expect(await cache.get("d")).toEqual([{ orderId: "o2", version: 2 }]);
  });
});
