// What a store manager sees before granting goodwill points (issue 21): whether they may (crew may not),
// and one of the store's orders found by its number, with its customer's points and the goodwill the order
// has had. Another store's order, or none by that number, is "not found"; crew are refused.
import type { Database, Kysely } from "@pizza/db";
import { forbidden, notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { profileRow, staffRoleOf } from "../auth/user-profile.ts";
import { storeOrderByNumber } from "../orders/order-for-loyalty.ts";
import { balanceOf } from "./balance.ts";
import { ledgerOf } from "./ledger.ts";
import type { TGoodwillOrder } from "./loyalty.schemas.ts";

/** Managers (of their store) and admins grant goodwill points; crew do not. */
export async function mayGrantGoodwill(db: Kysely<Database>, actor: AuthUser): Promise<boolean> {
  return actor.role === "admin" || (await staffRoleOf(db, actor.id)) === "manager";
}

export async function assertMayGrantGoodwill(db: Kysely<Database>, actor: AuthUser): Promise<void> {
  if (!(await mayGrantGoodwill(db, actor)))
    throw forbidden("Only a store manager can grant goodwill points.");
}

export async function goodwillOrder(
  db: Kysely<Database>,
  actor: AuthUser,
  storeId: string,
  orderNumber: number,
  now: Date,
): Promise<TGoodwillOrder> {
  await assertMayGrantGoodwill(db, actor);
  const order = await storeOrderByNumber(db, storeId, orderNumber);
  if (!order) throw notFound(`There is no order #${orderNumber} at this store.`);
  const [ledger, customer] = await Promise.all([
    ledgerOf(db, order.customerId),
    profileRow(db, order.customerId),
  ]);
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    total: order.total,
    currency: order.currency,
    customerName: customer?.name ?? "",
    createdAt: order.createdAt.toISOString(),
    points: balanceOf(ledger, now).points,
    goodwill: ledger
      .filter((e) => e.kind === "goodwill" && e.orderId === order.id)
      .map((e) => ({ points: e.delta, reason: e.reason ?? "", createdAt: e.createdAt.toISOString() })),
  };
}
