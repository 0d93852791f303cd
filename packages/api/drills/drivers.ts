// The drivers of a drill, through the same doors as the driver app: online at the store (tRPC through the
// load balancer), positions every second over Socket.IO, offers polled and accepted, picked up once the
// kitchen is done, and delivered at the door. A request that fails on the network or with a 5xx is sent
// again (the app's outbox does the same, with the same clientActionId).
import { randomUUID } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { createTRPCClient, httpLink, isTRPCClientError } from "@trpc/client";
import { io } from "socket.io-client";
import { AccessTokens } from "../src/modules/auth/tokens.ts";
import type { AppRouter } from "../src/root.ts";

export interface DriverStats {
  accepted: number;
  delivered: number;
  positions: number;
}

type Api = ReturnType<typeof createTRPCClient<AppRouter>>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Picked up with every bag check ticked (the server refuses it otherwise). */
const pickUp = (api: Api, deliveryId: string, clientActionId: string) =>
  api.delivery.markPickedUp.mutate({ deliveryId, clientActionId, checks: ["order", "items", "drinks"] });

export async function runDrivers(opts: {
  db: Kysely<Database>;
  url: string;
  jwtSecret: string;
  drivers: number;
  storeSlug: string;
  until: () => boolean;
}): Promise<DriverStats> {
  const stats: DriverStats = { accepted: 0, delivered: 0, positions: 0 };
  const store = await opts.db
    .selectFrom("stores")
    .select(["id", "lat", "lng"])
    .where("slug", "=", opts.storeSlug)
    .executeTakeFirstOrThrow();
  const tokens = new AccessTokens(opts.jwtSecret);

  async function driver(i: number) {
    const { api, token } = await aDrillDriver({
      db: opts.db,
      tokens,
      url: opts.url,
      storeId: store.id,
      name: `Drill driver ${i}`,
    });
    // Around the store, a little apart from each other.
    let here = {
      lat: Number(store.lat) + (i % 5) * 0.0005,
      lng: Number(store.lng) + Math.floor(i / 5) * 0.0005,
    };
    const socket = io(opts.url, { auth: { token }, transports: ["websocket"] });
    const report = setInterval(() => {
      socket.emit("driver:position", { ...here, at: Date.now() }, () => stats.positions++);
    }, 1_000);
    try {
      socket.emit("driver:position", { ...here, at: Date.now() });
      await retrying(() => api.delivery.goOnline.mutate({ storeId: store.id }));
      while (!opts.until()) {
        const offers = (await retrying(() => api.delivery.myOffers.query())) ?? [];
        const offer = offers[0];
        if (!offer) {
          await pause(500);
          continue;
        }
        const taken = await retrying(() => api.delivery.acceptOffer.mutate({ offerId: offer.offerId }));
        if (!taken) continue;
        stats.accepted++;
        // Waits at the counter until the kitchen is done (a refusal until then), a minute at most.
        const pickedUp = randomUUID();
        let done: unknown;
        for (let wait = 0; !done && wait < 120; wait++) {
          done = await retrying(() => pickUp(api, taken.deliveryId, pickedUp));
          if (!done) await pause(500);
        }
        if (!done) continue;
        here = { lat: taken.dropoff.lat, lng: taken.dropoff.lng };
        socket.emit("driver:position", { ...here, at: Date.now() });
        await pause(1_100);
        const delivered = await retrying(() =>
          api.delivery.markDelivered.mutate({ deliveryId: taken.deliveryId, clientActionId: randomUUID() }),
        );
        if (delivered) stats.delivered++;
        here = { lat: Number(store.lat), lng: Number(store.lng) };
      }
    } finally {
      clearInterval(report);
      socket.disconnect();
    }
  }
  await Promise.all(Array.from({ length: opts.drivers }, (_, i) => driver(i)));
  return stats;
}

/** A driver account at `storeId` (a user row and its drivers row) with the driver app's client and token. */
export async function aDrillDriver(opts: {
  db: Kysely<Database>;
  tokens: AccessTokens;
  url: string;
  storeId: string;
  name: string;
}): Promise<{ api: Api; token: string }> {
  const user = await opts.db
    .insertInto("users")
    .values({
      email: `drill-driver-${randomUUID()}@example.com`,
      password_hash: "drill-only",
      name: opts.name,
      role: "driver",
      updated_at: new Date(),
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await opts.db.insertInto("drivers").values({ user_id: user.id, home_store_id: opts.storeId }).execute();
  const token = await opts.tokens.sign({ id: user.id, role: "driver", storeId: null, name: user.name });
  const api: Api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${opts.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
  return { api, token };
}

/** The call's answer; undefined when refused (4xx); network errors and 5xx are retried. */
async function retrying<T>(call: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = isTRPCClientError(error) ? error.data?.httpStatus : undefined;
      if (status !== undefined && status < 500) return undefined;
      await pause(200 + attempt * 100);
    }
  }
  return undefined;
}
