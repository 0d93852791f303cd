import { randomUUID } from "node:crypto";
import type { EventPayload } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import { type Socket as ClientSocket, io as connectClient } from "socket.io-client";
import { writeOutbox } from "../infra/outbox.ts";
import type { AccessTokens, AuthUser } from "../modules/auth/tokens.ts";
import type { OrderForTracking } from "../modules/orders/order-snapshot.ts";
import type { ClientToServerEvents, DriverPosition, OrderStatus, ServerToClientEvents } from "./events.ts";

export type TestClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

/** Test builders for live tracking: orders and their transitions written the way the orders module writes them. */
export type TestOrder = OrderForTracking;

export async function seededUser(db: Kysely<Database>, email: string): Promise<AuthUser> {
  const u = await db
    .selectFrom("users")
    .select(["id", "role", "store_id", "name"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, storeId: u.store_id, name: u.name };
}

export async function aCustomer(db: Kysely<Database>, name = "Other Customer"): Promise<AuthUser> {
  const u = await db
    .insertInto("users")
    .values({ email: `${randomUUID()}@example.test`, password_hash: "x", name, role: "customer" })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  return { id: u.id, role: "customer", storeId: null, name: u.name };
}

export async function aStore(
  db: Kysely<Database>,
  slug: string,
): Promise<{ id: string; regionCode: string }> {
  const s = await db
    .selectFrom("stores")
    .select(["id", "region_code"])
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  return { id: s.id, regionCode: s.region_code };
}

/** A placed order (row, history and `order.placed` event in one transaction). */
export async function anOrder(
  db: Kysely<Database>,
  o: { customerId: string; storeId: string; regionCode: string; channel?: "delivery" | "carryout" },
): Promise<TestOrder> {
  return db.transaction().execute(async (trx) => {
    const channel = o.channel ?? "delivery";
    const row = await trx
      .insertInto("orders")
      .values({
        region_code: o.regionCode,
        store_id: o.storeId,
        customer_id: o.customerId,
        channel,
        status: "placed",
        lat: 40.75,
        lng: -73.99,
        currency: "USD",
        subtotal: 1500,
        total: 1500,
        tax_included: false,
        idempotency_key: randomUUID(),
        promised_at: new Date(Date.now() + 40 * 60_000),
      })
      .returning(["id", "order_number", "version", "payment_method", "promised_at"])
      .executeTakeFirstOrThrow();
    const order: TestOrder = {
      id: row.id,
      orderNumber: Number(row.order_number),
      regionCode: o.regionCode,
      storeId: o.storeId,
      customerId: o.customerId,
      channel,
      status: "placed",
      version: row.version,
    };
    await trx
      .insertInto("order_status_history")
      .values({
        order_id: order.id,
        region_code: order.regionCode,
        from_status: null,
        to_status: "placed",
        version: order.version,
      })
      .execute();
    const promisedAt = new Date(row.promised_at).toISOString();
    await writeOutbox(trx, {
      topic: "order.placed",
      aggregateId: order.id,
      payload: {
        ...payloadOf(order, null),
        paymentMethod: row.payment_method,
        total: 1500,
        currency: "USD",
        promisedAt,
        readyEstimateAt: promisedAt,
        scheduledFor: null,
      },
    });
    return order;
  });
}

function payloadOf(o: TestOrder, previousStatus: OrderStatus | null): EventPayload<"order.status_changed"> {
  return {
    orderId: o.id,
    orderNumber: o.orderNumber,
    regionCode: o.regionCode,
    storeId: o.storeId,
    customerId: o.customerId,
    channel: o.channel,
    status: o.status,
    previousStatus,
    version: o.version,
    at: new Date().toISOString(),
  };
}

/** Moves an order to `to` as `OrdersService.transition` does: version bump, history row, outbox event. */
export async function transition(
  db: Kysely<Database>,
  order: TestOrder,
  to: OrderStatus,
  options: { driverId?: string } = {},
): Promise<TestOrder> {
  return db.transaction().execute(async (trx) => {
    const previous = order.status;
    const row = await trx
      .updateTable("orders")
      .set((eb) => ({ status: to, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", order.id)
      .where("region_code", "=", order.regionCode)
      .returning("version")
      .executeTakeFirstOrThrow();
    const next: TestOrder = { ...order, status: to, version: row.version };
    await trx
      .insertInto("order_status_history")
      .values({
        order_id: order.id,
        region_code: order.regionCode,
        from_status: previous,
        to_status: to,
        version: next.version,
      })
      .execute();
    if (to === "out_for_delivery" && options.driverId) {
      await trx
        .insertInto("deliveries")
        .values({
          order_id: order.id,
          region_code: order.regionCode,
          store_id: order.storeId,
          driver_id: options.driverId,
          status: "picked_up",
          picked_up_at: new Date(),
        })
        .onConflict((oc) =>
          oc.column("order_id").doUpdateSet({ driver_id: options.driverId, status: "picked_up" }),
        )
        .execute();
    }
    // As the orders module does: every transition is an `order.status_changed`, and ready/cancelled also
    // get their own topic (same version) for the consumers that only care about those.
    const payload = payloadOf(next, previous);
    await writeOutbox(trx, { topic: "order.status_changed", aggregateId: order.id, payload });
    const money = { total: 1500, paymentMethod: "cash" as const };
    if (to === "ready") {
      await writeOutbox(trx, {
        topic: "order.ready",
        aggregateId: order.id,
        payload: { ...payload, ...money, lat: 40.75, lng: -73.99, promisedAt: null },
      });
    } else if (to === "cancelled") {
      await writeOutbox(trx, {
        topic: "order.cancelled",
        aggregateId: order.id,
        payload: { ...payload, ...money, reason: null, currency: "USD" },
      });
    }
    return next;
  });
}

export async function connect(url: string, tokens: AccessTokens, user: AuthUser | null): Promise<TestClient> {
  const token = user ? await tokens.sign(user) : "not-a-token";
  const socket: TestClient = connectClient(url, {
    auth: { token },
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

export function collect<E extends keyof ServerToClientEvents>(
  socket: TestClient,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const got: Parameters<ServerToClientEvents[E]>[0][] = [];
  // biome-ignore lint/suspicious/noExplicitAny: socket.io's typed `on` cannot be called with a generic event name
  (socket as any).on(event, (payload: Parameters<ServerToClientEvents[E]>[0]) => got.push(payload));
  return got;
}

export function position(lat: number, lng: number, at = Date.now()): DriverPosition {
  return { lat, lng, at };
}
