// Shared by the proof-of-delivery suites (real PostgreSQL + Redis, the real HTTP server for uploads): a
// platform with the filesystem blob store, Midtown's staff, fresh drivers, an order taken to the door.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { destination } from "@pizza/dispatch";
import { TRPCError } from "@trpc/server";
import {
  aCustomer,
  aDeliveryOrder,
  aDriver as aDriverOf,
  aStaff,
  NEAR,
  storeId,
} from "../../testing/builders.ts";
import {
  type Backing,
  createTestPlatform,
  startTestServer,
  type TestPlatform,
} from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";

export const DOOR = NEAR["nyc-midtown"];
/** Every bag check (extra ones are ignored), for tests about something else. */
export const ALL_CHECKS = ["order", "items", "drinks"] as const;

export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  return { code: "OK", message: "" };
}

export interface ProofWorld {
  t: TestPlatform;
  server: Awaited<ReturnType<typeof startTestServer>>;
  midtown: string;
  staff: AuthUser;
  close(): Promise<void>;
}

export async function proofWorld(backing: Backing): Promise<ProofWorld> {
  const blobDir = await mkdtemp(join(tmpdir(), "pod-blobs-"));
  const t = await createTestPlatform(backing, {
    seed: true,
    env: { DISPATCH_TICK_MS: "0", BLOB_DIR: blobDir },
  });
  await t.platform.events.start();
  const server = await startTestServer(t.platform);
  return {
    t,
    server,
    midtown: await storeId(t, "nyc-midtown"),
    staff: await aStaff(t, "nyc-midtown"),
    async close() {
      await server.close();
      await t.close();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}

let tsBase = Date.now();

/** The driver's phone reports a position `metres` from the door (due south). */
export async function fromDoor(w: ProofWorld, driver: AuthUser, metres: number): Promise<void> {
  const p = destination(DOOR, 180, metres);
  tsBase = Math.max(tsBase + 1, Date.now());
  await w.t.platform.services.tracking.positionSink?.onDriverPosition(driver, { ...p, at: tsBase });
}

/** An order to DOOR, ready, offered to a fresh Midtown driver near the store and accepted. */
export async function assignedOrder(w: ProofWorld, order: Parameters<typeof aDeliveryOrder>[1] = {}) {
  const { t, midtown, staff } = w;
  const driver = await aDriverOf(t, midtown, "Proof Driver");
  await fromDoor(w, driver, 150);
  await t.caller(driver).delivery.goOnline({ storeId: midtown });
  const customer = await aCustomer(t);
  const placed = await t
    .caller(customer)
    .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash", ...order }));
  for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
    await t.caller(staff).order.advance({ orderId: placed.id, to });
  const offer = await until("the driver's offer", () =>
    t.platform.db
      .selectFrom("delivery_offers as f")
      .innerJoin("deliveries as d", "d.id", "f.delivery_id")
      .select(["f.id", "f.delivery_id"])
      .where("d.order_id", "=", placed.id)
      .where("f.driver_id", "=", driver.id)
      .where("f.status", "=", "pending")
      .executeTakeFirst(),
  );
  await t.caller(driver).delivery.acceptOffer({ offerId: offer.id });
  const cashCollected = placed.paymentMethod === "cash" ? placed.total : undefined;
  return { driver, customer, order: placed, deliveryId: offer.delivery_id, cashCollected };
}

/** The same, picked up with every bag check ticked. */
export async function pickedUpOrder(w: ProofWorld, order: Parameters<typeof aDeliveryOrder>[1] = {}) {
  const o = await assignedOrder(w, order);
  await w.t.caller(o.driver).delivery.markPickedUp({
    deliveryId: o.deliveryId,
    clientActionId: `p-${randomUUID()}`,
    checks: [...ALL_CHECKS],
  });
  return o;
}

/** The signed link's path on this test's server (links carry the configured public origin). */
export function onServer(w: ProofWorld, link: string): string {
  const u = new URL(link, w.server.url);
  return `${w.server.url}${u.pathname}${u.search}`;
}

/** Runs `body` with Midtown's proof settings changed, then puts them back (tests of one file run in turn). */
export async function withMidtownSettings(
  w: ProofWorld,
  set: { dropoff_radius_m?: number; handover_code_cash_above?: number | null },
  body: () => Promise<void>,
): Promise<void> {
  const db = w.t.platform.db;
  await db.updateTable("stores").set(set).where("id", "=", w.midtown).execute();
  try {
    await body();
  } finally {
    await db
      .updateTable("stores")
      .set({ dropoff_radius_m: 300, handover_code_cash_above: 5000 })
      .where("id", "=", w.midtown)
      .execute();
  }
}
