// Issue 14 finding 5: sockets follow the session. Logout and a revoked refresh-token family disconnect
// that session's sockets on every node; an expired access token cannot join rooms; room requests are
// rate-limited per socket (each is a database read).
import { randomUUID } from "node:crypto";
import type { DbHandle } from "@pizza/db/testing";
import { SignJWT } from "jose";
import { type Socket as ClientSocket, io as connectClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ClientToServerEvents, JoinResult, ServerToClientEvents } from "../realtime/events.ts";
import { SOCKET_JOIN_LIMIT } from "../realtime/socket-server.ts";
import { type ApiNode, createNodeCluster, type NodeCluster } from "../testing/nodes.ts";

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
const PASSWORD = "PizzaDemo-2026";

describe("sockets follow the session (two nodes, PostgreSQL + Redis)", () => {
  let cluster: NodeCluster;
  let _db: DbHandle;
  const clients: Client[] = [];

  // Only the sockets are under test here: the nodes run no event consumers.
  const startNode = (name: string) => cluster.start(name, { events: false });

  async function open(url: string, token: string): Promise<Client & { ended: Promise<string> }> {
    const socket: Client = connectClient(url, {
      auth: { token },
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const ended = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    return Object.assign(socket, { ended });
  }

  const join = (socket: Client, orderId: string) =>
    new Promise<JoinResult>((resolve) => socket.emit("order:join", { orderId }, resolve));

  let a: ApiNode;
  let b: ApiNode;
  const signIn = () =>
    a.platform.services.auth.login({ email: "customer@pizza.example", password: PASSWORD }, "10.0.0.1");

  beforeAll(async () => {
    cluster = await createNodeCluster();
    _db = cluster.db;
    a = await startNode("A");
    b = await startNode("B");
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await cluster?.close();
  });

  it("logging out on node A closes that session's socket on node B; another session stays", async () => {
    const [one, two] = [await signIn(), await signIn()];
    const first = await open(b.url, one.accessToken);
    const second = await open(b.url, two.accessToken);
    const user = (await a.platform.tokens.verify(one.accessToken))!;
    await a.platform.services.auth.logout(user, one.refreshToken);
    expect(await first.ended).toBe("io server disconnect");
    // A round trip after the logout's disconnect went out: the other session still gets answers.
    expect(await join(second, randomUUID())).toEqual({ ok: false, error: "not_found" });
    expect(second.connected).toBe(true);
  });

  it("logging out everywhere closes every socket of the user", async () => {
    const [one, two] = [await signIn(), await signIn()];
    const first = await open(a.url, one.accessToken);
    const second = await open(b.url, two.accessToken);
    await a.platform.services.auth.logout((await a.platform.tokens.verify(one.accessToken))!);
    expect(await first.ended).toBe("io server disconnect");
    expect(await second.ended).toBe("io server disconnect");
  });

  it("a stolen refresh token presented twice revokes the family and closes its sockets", async () => {
    const session = await signIn();
    const socket = await open(b.url, session.accessToken);
    await a.platform.services.auth.refresh(session.refreshToken);
    await expect(a.platform.services.auth.refresh(session.refreshToken)).rejects.toThrow(/session has ended/);
    expect(await socket.ended).toBe("io server disconnect");
  });

  it("an expired access token cannot join a room, and its socket is closed", async () => {
    const session = await signIn();
    const user = (await a.platform.tokens.verify(session.accessToken))!;
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await new SignJWT({ role: user.role, sid: user.storeId, name: user.name })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer("pizza-platform")
      .setAudience("pizza-apps")
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(cluster.secret));
    const socket = await open(a.url, shortLived);
    // The token expires by the wall clock: move the clock past its expiry instead of waiting for it
    // (timers stay real, so the socket keeps working as usual).
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime((expiresAt + 1) * 1000);
      expect(await join(socket, randomUUID())).toEqual({ ok: false, error: "unauthorized" });
      expect(await socket.ended).toBe("io server disconnect");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a burst of 1,000 room requests on one socket: the rest beyond the limit are refused", async () => {
    const socket = await open(a.url, (await signIn()).accessToken);
    const results = await Promise.all(Array.from({ length: 1000 }, () => join(socket, randomUUID())));
    const limited = results.filter((r) => !r.ok && r.error === "rate_limited").length;
    const looked = results.filter((r) => !r.ok && r.error === "not_found").length;
    expect(looked + limited).toBe(1000);
    expect(looked).toBeGreaterThanOrEqual(SOCKET_JOIN_LIMIT.points);
    expect(looked).toBeLessThanOrEqual(SOCKET_JOIN_LIMIT.points * 5);
  });
});
