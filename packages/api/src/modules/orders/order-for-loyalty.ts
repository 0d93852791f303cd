// Orders' answer for the loyalty module, so it never reads the orders table itself: what a fulfilled order
// earns points on (its subtotal after discounts, in the order's currency), whose it is and which store's.
import type { Database, Kysely } from "@pizza/db";

export interface OrderForLoyalty {
  id: string;
  regionCode: string;
  customerId: string;
  storeId: string;
  /** Subtotal minus discount, minor units: fees, tax and tip earn nothing. */
  spend: number;
  currency: string;
  status: string;
}

export async function orderForLoyalty(
  db: Kysely<Database>,
  orderId: string,
  regionCode?: string,
): Promise<OrderForLoyalty | undefined> {
  let q = db
    .selectFrom("orders")
    .select(["id", "region_code", "customer_id", "store_id", "subtotal", "discount", "currency", "status"])
    .where("id", "=", orderId);
  if (regionCode) q = q.where("region_code", "=", regionCode);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    regionCode: row.region_code,
    customerId: row.customer_id,
    storeId: row.store_id,
    spend: Math.max(0, row.subtotal - row.discount),
    currency: row.currency.trim(),
    status: row.status,
  };
}

/** One of the store's orders by its number, as a manager granting goodwill points sees it. */
export interface StoreOrderForGoodwill {
  id: string;
  orderNumber: number;
  status: string;
  total: number;
  currency: string;
  customerId: string;
  createdAt: Date;
}

export async function storeOrderByNumber(
  db: Kysely<Database>,
  storeId: string,
  orderNumber: number,
): Promise<StoreOrderForGoodwill | undefined> {
  const row = await db
    .selectFrom("orders")
    .select(["id", "order_number", "status", "total", "currency", "customer_id", "created_at"])
    .where("store_id", "=", storeId)
    .where("order_number", "=", orderNumber)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      orderNumber: Number(row.order_number),
      status: row.status,
      total: row.total,
      currency: row.currency.trim(),
      customerId: row.customer_id,
      createdAt: new Date(row.created_at),
    }
  );
}
