// What live tracking needs to know about deliveries: whose order it is to drive, and what a driver is
// carrying. The delivery module owns `deliveries` (and the driver's name comes from `users`); it should
// provide this lookup through its wiring (`tracking.deliveries = …`). Until it does, the tracker uses
// `readDeliveryTables`, the one place left where realtime reads those tables.
import type { Database, Kysely } from "@pizza/db";

export interface DeliveryLookup {
  /** The driver of an order's delivery, if any (whatever the delivery's state). */
  driverOf(orderId: string): Promise<string | null>;
  /** The driver carrying an order, with the name the customer sees; null when nobody has it. */
  courierOf(orderId: string): Promise<{ driverId: string; name: string } | null>;
  /** The orders whose delivery this driver holds and has not finished. */
  openDeliveriesOf(driverId: string): Promise<string[]>;
}

/** The lookup read straight from the delivery tables (see the header: a crossing to remove). */
export function readDeliveryTables(db: Kysely<Database>): DeliveryLookup {
  return {
    async driverOf(orderId) {
      const row = await db
        .selectFrom("deliveries")
        .select("driver_id")
        .where("order_id", "=", orderId)
        .executeTakeFirst();
      return row?.driver_id ?? null;
    },
    async courierOf(orderId) {
      const row = await db
        .selectFrom("deliveries as d")
        .innerJoin("users as u", "u.id", "d.driver_id")
        .select(["d.driver_id", "u.name"])
        .where("d.order_id", "=", orderId)
        .executeTakeFirst();
      return row?.driver_id ? { driverId: row.driver_id, name: row.name } : null;
    },
    async openDeliveriesOf(driverId) {
      const rows = await db
        .selectFrom("deliveries")
        .select("order_id")
        .where("driver_id", "=", driverId)
        .where("status", "not in", ["delivered", "cancelled"])
        .execute();
      return rows.map((r) => r.order_id);
    },
  };
}
