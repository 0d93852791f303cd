// For other modules (notifications' shift reminder): the drivers of a store who are not on shift now.
import type { Database, Kysely } from "@pizza/db";

export async function offlineDriversOf(db: Kysely<Database>, storeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("drivers")
    .select("drivers.user_id")
    .where("drivers.home_store_id", "=", storeId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("driver_shifts")
            .select("driver_shifts.id")
            .whereRef("driver_shifts.driver_id", "=", "drivers.user_id")
            .where("driver_shifts.ended_at", "is", null),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.user_id);
}
