// The evening's customers: each an account with the customer app's tRPC client (keeping HAProxy's sticky
// cookie, as a browser does) and its socket. After placing an order the tracker follows it (`order:join`),
// and every driver position that reaches the customer's screen is timed from when the driver's app measured
// it (`position.at`, this process's clock on both ends): the "tracking" latency.
import type {
  ClientToServerEvents,
  DriverPositionEvent,
  OrderStatusEvent,
  ServerToClientEvents,
} from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import { io, type Socket } from "socket.io-client";
import { aCustomerApi, type CustomerApi } from "../../drills/customer-api.ts";
import type { AccessTokens } from "../../src/modules/auth/tokens.ts";
import type { Recorder } from "./recorder.ts";

export interface PeakCustomer {
  api: CustomerApi;
  /** Opens the order's tracker; an order:join refusal is recorded as an error of the order's bucket. */
  follow(orderId: string, dueMs: number): void;
}

/** A socket as the apps hold it: typed by the contract. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The tracker closes when the order is done (a carryout's once it is ready at the counter). */
const done = (e: OrderStatusEvent) =>
  e.status === "delivered" ||
  e.status === "picked_up" ||
  e.status === "cancelled" ||
  (e.channel === "carryout" && e.status === "ready");

export async function peakCustomers(opts: {
  count: number;
  db: Kysely<Database>;
  tokens: AccessTokens;
  url: string;
  fetch: typeof fetch;
  rec: Recorder;
  /** Now on the recorder's timeline (ms since the replay began). */
  clock: () => number;
}): Promise<{
  customers: PeakCustomer[];
  codeAtTheDoor(orderId: string): Promise<string | undefined>;
  close(): void;
}> {
  const sockets: AppSocket[] = [];
  const whose = new Map<string, CustomerApi>();
  const customers = await Promise.all(
    Array.from({ length: opts.count }, async (_, i) => {
      const { api, token } = await aCustomerApi({
        db: opts.db,
        tokens: opts.tokens,
        url: opts.url,
        name: `Peak customer ${i}`,
        fetch: opts.fetch,
      });
      const socket: AppSocket = io(opts.url, { auth: { token }, transports: ["websocket"] });
      sockets.push(socket);
      socket.on("order:driver_position", (e: DriverPositionEvent) => {
        opts.rec.at(opts.clock()).track.push(Date.now() - e.position.at);
      });
      socket.on("order:status", (e: OrderStatusEvent) => {
        if (done(e)) socket.emit("order:leave", { orderId: e.orderId });
      });
      const customer: PeakCustomer = {
        api,
        follow(orderId, dueMs) {
          whose.set(orderId, api);
          socket.emit("order:join", { orderId }, (r) => {
            if (!r.ok) opts.rec.error(dueMs, `order:join ${r.error}`);
          });
        },
      };
      return customer;
    }),
  );
  return {
    customers,
    // The customer reads the code off their tracker and says it.
    codeAtTheDoor: async (orderId) =>
      (await whose.get(orderId)?.order.trackOrder.query({ orderId }))?.handoverCode ?? undefined,
    close: () => {
      for (const s of sockets) s.disconnect();
    },
  };
}
