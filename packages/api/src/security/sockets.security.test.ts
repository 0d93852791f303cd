// Issue 14 finding 5: sockets follow the session. Logout and a revoked refresh-token family disconnect
// that session's sockets on every node; an expired access token cannot join rooms; room requests are
// rate-limited per socket (each is a database read).
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createTestDb, type DbHandle, seed } from "@pizza/db/testing";
import type { FastifyInstance } from "fastify";
import { SignJWT } from "jose";
import pino from "pino";
import { type Socket as ClientSocket, io as connectClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../env.ts";
import { waitFor } from "../events/event-bus.contract.ts";
import { createRedis } from "../infra/redis.ts";
import { createPlatform, type Platform } from "../platform.ts";
import type { ClientToServerEvents, JoinResult, ServerToClientEvents } from "../realtime/events.ts";
import { SOCKET_JOIN_LIMIT } from "../realtime/socket-server.ts";
import { createServer } from "../server.ts";
import { createTestRedis, TEST_REDIS_URL } from "../testing/harness.ts";

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
const PASSWORD = "PizzaDemo-2026";

describe("sockets follow the session (two nodes, PostgreSQL + Redis)", () => {
  let db: DbHandle;
  let testRedis: Awaited<ReturnType<typeof createTestRedis>>;
  const secret = randomBytes(32).toString("hex");
  const nodes: { platform: Platform; app: FastifyInstance; url: string; stop(): Promise<void> }[] = [];
  const clients: Client[] = [];

  async function startNode(name: string) {
    const config = loadConfig({
      NODE_ENV: "test",
      PGLITE_DIR: "memory://",
      JWT_SECRET: secret,
      SEED_DEMO: "false",
      KITCHEN_AUTOPILOT: "false",
      SIM_DRIVERS: "0",
      SERVE_APPS: "false",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    });
    const redis = createRedis(TEST_REDIS_URL, { keyPrefix: testRedis.prefix });
    const platform = await createPlatform(config, {
      dbHandle: db,
      redis,
      log: pino({ level: config.logLevel }).child({ node: name }),
    });
    const app = await createServer(platform);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const node = {
      platform,
      app,
      url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      async stop() {
        await app.close();
        await platform.close();
        redis.disconnect();
      },
    };
    nodes.push(node);
    return node;
  }

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

  let a: Awaited<ReturnType<typeof startNode>>;
  let b: Awaited<ReturnType<typeof startNode>>;
  const signIn = () =>
    a.platform.services.auth.login({ email: "customer@pizza.example", password: PASSWORD }, "10.0.0.1");

  beforeAll(async () => {
    db = await createTestDb("postgres");
    await seed(db.db);
    testRedis = await createTestRedis();
    a = await startNode("A");
    b = await startNode("B");
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const n of nodes) await n.stop().catch(() => {});
    await testRedis?.cleanup();
    await db?.close();
  });

  it("logging out on node A closes that session's socket on node B; another session stays", async () => {
    const [one, two] = [await signIn(), await signIn()];
    const first = await open(b.url, one.accessToken);
    const second = await open(b.url, two.accessToken);
    const user = (await a.platform.tokens.verify(one.accessToken))!;
    await a.platform.services.auth.logout(user, one.refreshToken);
    expect(await first.ended).toBe("io server disconnect");
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
      .sign(new TextEncoder().encode(secret));
    const socket = await open(a.url, shortLived);
    await waitFor(() => Date.now() > expiresAt * 1000 + 50, 5_000, "the token to expire");
    expect(await join(socket, randomUUID())).toEqual({ ok: false, error: "unauthorized" });
    expect(await socket.ended).toBe("io server disconnect");
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
