// What live tracking asks the delivery module: whose order it is to drive, who is carrying it (with the
// name the customer sees, from auth's accounts), and what a driver is carrying. Wired into the tracker by
// delivery.wiring.ts, so realtime never reads the delivery tables itself.
import type { Database, Kysely } from "@pizza/db";
import { accountContacts } from "../auth/account-contacts.ts";

export interface DeliveryLookup {
  /** The driver of an order's delivery, if any (whatever the delivery's state). */
  driverOf(orderId: string): Promise<string | null>;
  /** The driver carrying an order, with the name the customer sees; null when nobody has it. */
  courierOf(orderId: string): Promise<{ driverId: string; name: string } | null>;
  /** The orders whose delivery each of these drivers holds and has not finished (drivers with none left out). */
  openDeliveriesOf(driverIds: readonly string[]): Promise<Map<string, string[]>>;
}

/** Before the delivery module is wired (or without one): nobody drives anything. */
export const noDeliveries: DeliveryLookup = {
  driverOf: async () => null,
  courierOf: async () => null,
  openDeliveriesOf: async () => new Map(),
};

export function deliveryLookup(db: Kysely<Database>): DeliveryLookup {
  const driverOf = async (orderId: string) => {
    const row = await db
      .selectFrom("deliveries")
      .select("driver_id")
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    return row?.driver_id ?? null;
  };
  return {
    driverOf,
    async courierOf(orderId) {
      const driverId = await driverOf(orderId);
      if (!driverId) return null;
      const name = (await accountContacts(db, [driverId])).get(driverId)?.name;
      return name === undefined ? null : { driverId, name };
    },
    async openDeliveriesOf(driverIds) {
      const open = new Map<string, string[]>();
      if (driverIds.length === 0) return open;
      const rows = await db
        .selectFrom("deliveries")
        .select(["driver_id", "order_id"])
        .where("driver_id", "in", driverIds)
        .where("status", "not in", ["delivered", "cancelled"])
        .execute();
      for (const r of rows) {
        if (!r.driver_id) continue;
        const orders = open.get(r.driver_id);
        if (orders) orders.push(r.order_id);
        else open.set(r.driver_id, [r.order_id]);
      }
      return open;
    },
  };
}
