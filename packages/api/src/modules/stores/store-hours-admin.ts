// Today's hours of a store (its local date): special hours, closed all day, or back to the weekly
// hours. Written as a `store_hour_overrides` row with the outbox `store.changed` in one transaction; the
// menu cache (which carries the overrides) is invalidated after the commit.
import { notFound } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { getStore } from "./find-store.ts";
import { localTime } from "./hours.ts";
import type { StoreDeps } from "./store-deps.ts";
import type { StoreInfo } from "./store-info.ts";

export type TSetTodayHours =
  | { mode: "hours"; opens: string; closes: string }
  | { mode: "closed" }
  | { mode: "weekly" };

export async function setTodayHours(
  deps: StoreDeps,
  actor: AuthUser,
  storeId: string,
  input: TSetTodayHours,
): Promise<StoreInfo> {
  const store = await deps.db
    .selectFrom("stores")
    .select("timezone")
    .where("id", "=", storeId)
    .executeTakeFirst();
  if (!store) throw notFound("We could not find that store.");
  const day = localTime(deps.now(), store.timezone).date;
  await deps.db.transaction().execute(async (trx) => {
    if (input.mode === "weekly") {
      await trx
        .deleteFrom("store_hour_overrides")
        .where("store_id", "=", storeId)
        .where("day", "=", day)
        .execute();
    } else {
      const row = {
        opens: input.mode === "hours" ? input.opens : null,
        closes: input.mode === "hours" ? input.closes : null,
        closed: input.mode === "closed",
      };
      await trx
        .insertInto("store_hour_overrides")
        .values({ store_id: storeId, day, ...row })
        .onConflict((oc) => oc.columns(["store_id", "day"]).doUpdateSet(row))
        .execute();
    }
    await writeOutbox(trx, {
      topic: "store.changed",
      aggregateId: storeId,
      payload: {
        storeId,
        changes: {
          todayHours:
            input.mode === "hours"
              ? { day, opens: input.opens, closes: input.closes }
              : { day, [input.mode]: true },
        },
        by: actor.id,
        at: new Date().toISOString(),
      },
    });
  });
  await deps.menu.invalidateStore(storeId);
  return getStore(deps.db, storeId, deps.now());
}
