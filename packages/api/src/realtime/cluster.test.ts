import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect as connectDb, type DbHandle, seed } from "@pizza/db";
import { io as connectClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../env.ts";
import { waitFor } from "../events/event-bus.contract.ts";
import { createDatabaseWithUrl, freePort, freePortRange, OwnRedisServer } from "../events/testing.ts";
import { AccessTokens, type AuthUser } from "../modules/auth/tokens.ts";
import type { OrderStatusEvent } from "./events.ts";
import {
  anOrder,
  aStore,
  collect,
  connect,
  position,
  seededUser,
  type TestClient,
  transition,
} from "./testing.ts";

function haproxyInstalled(): boolean {
  try {
    execFileSync("haproxy", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The real thing: `npm run cluster -- --nodes 2` (two API processes behind HAProxy, or the built-in proxy
 * where haproxy is not installed), PostgreSQL, and a redis-server of our own. One node is killed with
 * SIGKILL mid-flight.
 */
describe("cluster of API processes behind the load balancer (PostgreSQL + Redis)", () => {
  let database: Awaited<ReturnType<typeof createDatabaseWithUrl>>;
  let db: DbHandle;
  let redis: OwnRedisServer;
  let cluster: ChildProcess;
  let output = "";
  const pids: number[] = [];
  const clients: TestClient[] = [];
  const secret = randomBytes(32).toString("hex");
  const tokens = new AccessTokens(secret);
  let lbUrl: string;
  let basePort: number;

  beforeAll(async () => {
    database = await createDatabaseWithUrl();
    db = connectDb({ databaseUrl: database.url });
    await seed(db.db);
    redis = await OwnRedisServer.start();
    const port = await freePort();
    basePort = await freePortRange(2);
    lbUrl = `http://127.0.0.1:${port}`;
    cluster = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        `${repoRoot}packages/api/scripts/cluster.ts`,
        "--nodes",
        "2",
        "--port",
        String(port),
        "--base-port",
        String(basePort),
        "--lb",
        haproxyInstalled() ? "haproxy" : "node",
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          REDIS_URL: redis.url,
          JWT_SECRET: secret,
          LOG_LEVEL: "warn",
          SERVE_APPS: "false",
          SEED_DEMO: "false",
          KITCHEN_AUTOPILOT: "false",
          SIM_DRIVERS: "0",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    cluster.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    cluster.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(
      () => /node pids: n1=(\d+) n2=(\d+)/.test(output),
      90_000,
      `the cluster to start:\n${output}`,
    );
    const m = /node pids: n1=(\d+) n2=(\d+)/.exec(output)!;
    pids.push(Number(m[1]), Number(m[2]));
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    // A graceful stop first (the script stops its nodes); whatever is still running after its exit, or
    // after 10 s, is killed.
    if (cluster && cluster.exitCode === null && cluster.signalCode === null) {
      const exited = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        cluster.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      cluster.kill("SIGTERM");
      await exited;
    }
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    await db?.close();
    await redis?.kill();
    await database?.drop();
  }, 30_000);

  const node = (i: number) => `http://127.0.0.1:${basePort + i}`;
  const open = async (url: string, user: AuthUser) => {
    const c = await connect(url, tokens, user);
    clients.push(c);
    return c;
  };

  it("a driver on node 1 and a customer on node 2 see each other's events", async () => {
    const customer = await seededUser(db.db, "customer@pizza.example");
    const driver = await seededUser(db.db, "driver1.nyc-midtown@pizza.example");
    const store = await aStore(db.db, "nyc-midtown");
    let order = await anOrder(db.db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      order = await transition(db.db, order, to);
    const c = await open(node(1), customer);
    const statuses = collect(c, "order:status");
    const positions = collect(c, "order:driver_position");
    expect(await c.emitWithAck("order:join", { orderId: order.id })).toMatchObject({ ok: true });
    const d = await open(node(0), driver);
    order = await transition(db.db, order, "out_for_delivery", { driverId: driver.id });
    await waitFor(
      () => statuses.some((s) => s.status === "out_for_delivery"),
      15_000,
      "out for delivery on node 2",
    );
    await waitFor(
      async () => {
        await d.emitWithAck("driver:position", position(40.76, -73.98));
        return positions.length > 0;
      },
      15_000,
      "the driver's position from node 1 on node 2",
    );
  }, 60_000);

  it("kill -9 of a node loses no order; its clients reconnect through the balancer and catch up", async () => {
    const store = await aStore(db.db, "nyc-midtown");
    const customer = await seededUser(db.db, "customer@pizza.example");
    const followed = await anOrder(db.db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    // Several customers' tabs through the balancer, so both nodes hold some.
    const tabs = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const token = await tokens.sign(customer);
        const s: TestClient = connectClient(lbUrl, {
          auth: { token },
          transports: ["websocket"],
          forceNew: true,
          reconnectionDelay: 200,
          reconnectionDelayMax: 1_000,
        });
        clients.push(s);
        const got: OrderStatusEvent[] = [];
        s.on("order:status", (e) => got.push(e));
        // What the app does: (re-)join on every connect, so a reconnect starts with a fresh snapshot.
        const snapshots: number[] = [];
        const tab = { s, got, snapshots, disconnects: 0 };
        s.on("disconnect", () => {
          tab.disconnects++;
        });
        s.on("order:snapshot", (snap) => snapshots.push(snap.version));
        s.on("connect", () => void s.emit("order:join", { orderId: followed.id }, () => {}));
        await new Promise<void>((resolve) => s.once("connect", () => resolve()));
        return tab;
      }),
    );
    await waitFor(() => tabs.every((t) => t.snapshots.length >= 1), 10_000, "every tab's snapshot");

    const placing = Promise.all(
      Array.from({ length: 20 }, () =>
        anOrder(db.db, { customerId: customer.id, storeId: store.id, regionCode: store.regionCode }),
      ),
    );
    process.kill(pids[0]!, "SIGKILL");
    const placed = await placing;

    // Every order is there, and every event of theirs leaves the outbox (the survivor relays what the dead one held).
    const ids = placed.map((o) => o.id);
    expect(await db.db.selectFrom("orders").select("id").where("id", "in", ids).execute()).toHaveLength(20);
    await waitFor(
      async () =>
        (await db.db.selectFrom("outbox").select("seq").where("published_at", "is", null).execute())
          .length === 0,
      15_000,
      "the outbox to drain",
    );

    // The tabs on the dead node lost their connection, came back through the balancer to the survivor,
    // re-joined (a second snapshot) and follow on.
    await waitFor(() => tabs.some((t) => t.disconnects > 0), 10_000, "the dead node's tabs to notice");
    const cut = tabs.filter((t) => t.disconnects > 0);
    expect(cut.length).toBeLessThan(tabs.length);
    await waitFor(
      () => tabs.every((t) => t.s.connected) && cut.every((t) => t.snapshots.length >= 2),
      20_000,
      "every tab to be connected and re-joined",
    );
    const next = await transition(db.db, followed, "preparing");
    await waitFor(
      () => tabs.every((t) => t.got.some((e) => e.version === next.version)),
      20_000,
      "every tab to receive the next status",
    );
  }, 90_000);
});
