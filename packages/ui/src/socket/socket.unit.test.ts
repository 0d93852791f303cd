import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { OrderStatusEvent } from "@pizza/contracts";
import { Server } from "socket.io";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  applyStoreEvent,
  applyStoreSnapshot,
  backoffDelay,
  DEFAULT_BACKOFF,
  RealtimeConnection,
  type StoreFeedState,
  type StoreOrderState,
} from "./index.ts";

const ORDER = "00000000-0000-4000-8000-0000000000a1";

function event(version: number, status: OrderStatusEvent["status"]): OrderStatusEvent {
  return {
    topic: "order.status_changed",
    orderId: ORDER,
    orderNumber: 42,
    storeId: "00000000-0000-4000-8000-0000000000b1",
    channel: "delivery",
    status,
    previousStatus: null,
    version,
    at: new Date(1_700_000_000_000 + version * 1000).toISOString(),
  };
}

describe("backoffDelay", () => {
  it("grows exponentially up to the ceiling", () => {
    const mid = () => 0.5; // no jitter
    expect(backoffDelay(0, DEFAULT_BACKOFF, mid)).toBe(500);
    expect(backoffDelay(1, DEFAULT_BACKOFF, mid)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, mid)).toBe(4000);
    expect(backoffDelay(10, DEFAULT_BACKOFF, mid)).toBe(15_000);
    expect(backoffDelay(1000, DEFAULT_BACKOFF, mid)).toBe(15_000);
  });

  it("spreads by the jitter, never negative nor over the ceiling", () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(700);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999_999)).toBe(1300);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(i % 12, DEFAULT_BACKOFF);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    }
    expect(backoffDelay(-3, DEFAULT_BACKOFF, () => 0.5)).toBe(500);
  });
});

describe("store feed", () => {
  it("applies newer events and drops stale and duplicate ones", () => {
    let s: StoreFeedState = new Map();
    s = applyStoreEvent(s, event(1, "placed"))!;
    s = applyStoreEvent(s, event(3, "baking"))!;
    expect(s.get(ORDER)?.status).toBe("baking");
    expect(applyStoreEvent(s, event(3, "baking"))).toBeUndefined(); // duplicate
    expect(applyStoreEvent(s, event(2, "preparing"))).toBeUndefined(); // late
    expect(applyStoreEvent(s, event(4, "quality_check"))?.get(ORDER)?.status).toBe("quality_check");
  });

  it("a snapshot read during an event never undoes it", () => {
    const row = (version: number, status: StoreOrderState["status"]): StoreOrderState => ({
      orderId: ORDER,
      orderNumber: 42,
      channel: "carryout",
      status,
      version,
      at: "2026-01-01T00:00:00.000Z",
    });
    let s: StoreFeedState = applyStoreEvent(new Map(), event(3, "baking"))!;
    s = applyStoreSnapshot(s, [row(2, "preparing")]);
    expect(s.get(ORDER)?.status).toBe("baking");
    s = applyStoreSnapshot(s, [row(5, "ready")]);
    expect(s.get(ORDER)?.status).toBe("ready");
    // The same version from the snapshot is accepted (it carries the same status).
    expect(applyStoreSnapshot(s, [row(5, "ready")]).get(ORDER)?.version).toBe(5);
  });
});

describe("RealtimeConnection (real Socket.IO server)", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function server(validToken: () => string) {
    const http = createServer();
    const io = new Server(http);
    const joins: string[] = [];
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: string }).token;
      return token === validToken() ? next() : next(new Error("unauthorized"));
    });
    io.on("connection", (socket) => {
      socket.on("order:join", (req: { orderId: string }, ack: (r: unknown) => void) => {
        joins.push(req.orderId);
        void socket.join(`order:${req.orderId}`);
        socket.emit("order:snapshot", { orderId: req.orderId });
        ack({ ok: true, version: 1 });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          io.close(() => resolve());
        }),
    );
    return { io, joins, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  /** Until `check` holds (polled), at most `ms`. */
  const waitFor = (check: () => boolean, ms = 5000) =>
    vi.waitFor(
      () => {
        if (!check()) throw new Error(`condition not reached within ${ms} ms`);
      },
      { timeout: ms, interval: 10 },
    );

  it("refreshes a refused token and reconnects with the fresh one, re-joining followed orders", async () => {
    let serverToken = "token-2";
    const s = await server(() => serverToken);
    let token = "token-1"; // expired
    let refreshes = 0;
    const c = new RealtimeConnection({
      url: s.url,
      getToken: () => token,
      refresh: async () => {
        refreshes++;
        token = serverToken;
        return true;
      },
      backoff: { baseMs: 20, maxMs: 100, factor: 2, jitter: 0 },
    });
    cleanups.push(() => c.stop());
    const unfollow = c.followOrder(ORDER);
    c.start();
    await waitFor(() => c.getState().status === "connected");
    expect(refreshes).toBe(1);
    await waitFor(() => s.joins.length === 1);

    // The server drops every socket; the token rotated meanwhile: the reconnect uses the fresh one.
    serverToken = "token-3";
    s.io.disconnectSockets(true);
    await waitFor(() => c.getState().connects === 2);
    expect(refreshes).toBe(2);
    await waitFor(() => s.joins.length === 2);
    unfollow();
    expect(c.getState().status).toBe("connected");
  });

  it("stops as unauthorized when the session cannot be refreshed", async () => {
    const s = await server(() => "never");
    const c = new RealtimeConnection({
      url: s.url,
      getToken: () => "stale",
      refresh: async () => false,
      backoff: { baseMs: 20, maxMs: 100, factor: 2, jitter: 0 },
    });
    cleanups.push(() => c.stop());
    c.start();
    await waitFor(() => c.getState().status === "unauthorized");
    expect(c.getState().lastError).toBe("unauthorized");
  });
});
