// Issue 16, finding 7: a tracking link's holder gets live updates without an account. The handshake
// accepts the link's token (`auth.trackToken`) for that one order only, read-only: other orders (even the
// same customer's) answer not_found, and a token that does not work (unknown, expired) is refused.

import { type Socket as ClientSocket, io as connectClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../events/event-bus.contract.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { ensureTrackToken, TRACK_LINK_TTL_MS } from "../modules/orders/track-links.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../testing/harness.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "./events.ts";
import { anOrder, aStore, collect, seededUser, type TestClient, transition } from "./testing.ts";

describe.each(backings)("tracking links over Socket.IO — $name", (backing) => {
  let t: TestPlatform;
  let url: string;
  let closeServer: () => Promise<void>;
  let customer: AuthUser;
  let store: { id: string; regionCode: string };
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    const server = await startTestServer(t.platform);
    url = server.url;
    closeServer = server.close;
    await t.platform.events.start();
    customer = await seededUser(t.platform.db, "customer@pizza.example");
    store = await aStore(t.platform.db, "nyc-midtown");
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await closeServer?.();
    await t?.close();
  });

  function openWithLink(trackToken: string): Promise<TestClient> {
    const socket: ClientSocket<ServerToClientEvents, ClientToServerEvents> = connectClient(url, {
      auth: { trackToken },
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    clients.push(socket);
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  const newOrder = () =>
    anOrder(t.platform.db, { customerId: customer.id, storeId: store.id, regionCode: store.regionCode });

  it("follows the link's order live, and only that order", async () => {
    const db = t.platform.db;
    let mine = await newOrder();
    let sibling = await newOrder();
    const token = await ensureTrackToken(db, mine);
    const c = await openWithLink(token);
    const snapshots = collect(c, "order:snapshot");
    const statuses = collect(c, "order:status");

    expect(await c.emitWithAck("order:join", { orderId: mine.id })).toEqual({ ok: true, version: 1 });
    expect(snapshots[0]).toMatchObject({ orderId: mine.id, status: "placed" });
    // The same customer's other order is not the link's: refused like a missing one.
    expect(await c.emitWithAck("order:join", { orderId: sibling.id })).toEqual({
      ok: false,
      error: "not_found",
    });

    sibling = await transition(db, sibling, "preparing");
    mine = await transition(db, mine, "preparing");
    // The link's order moving is the marker: the sibling's event was published before it, on the same stream.
    await waitFor(
      () => statuses.some((s) => s.orderId === mine.id && s.status === "preparing"),
      10_000,
      "the link's order",
    );
    expect(statuses.map((s) => s.orderId)).not.toContain(sibling.id);
    expect(sibling.status).toBe("preparing");
  });

  it("refuses a token that does not open anything (unknown, or a day past the order's end)", async () => {
    const db = t.platform.db;
    await expect(openWithLink("A".repeat(43))).rejects.toThrow("unauthorized");
    let done = await newOrder();
    const token = await ensureTrackToken(db, done);
    done = await transition(db, done, "cancelled");
    // Within the day after it finished the link still connects…
    (await openWithLink(token)).close();
    await db
      .updateTable("orders")
      .set({ updated_at: new Date(Date.now() - TRACK_LINK_TTL_MS - 60_000) })
      .where("id", "=", done.id)
      .execute();
    // …and after it, not any more.
    await expect(openWithLink(token)).rejects.toThrow("unauthorized");
  });
});
