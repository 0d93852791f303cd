// Staff store controls (accepting orders, delivery paused, kitchen capacity). The caller has already
// been checked to act for the store (`storeStaffProcedure`). Each change commits with its outbox
// `store.changed`, then the store's menu cache is invalidated.

import { notFound } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { getStore } from "./find-store.ts";
import type { StoreDeps } from "./store-deps.ts";
import type { StoreInfo } from "./store-info.ts";

export type StoreControls = {
  accepting_orders?: boolean;
  delivery_paused?: boolean;
  kitchen_capacity?: number;
};

export async function updateStoreControls(
  deps: StoreDeps,
  actor: AuthUser,
  storeId: string,
  patch: StoreControls,
): Promise<StoreInfo> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("stores")
      .set(patch)
      .where("id", "=", storeId)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw notFound("We could not find that store.");
    await writeOutbox(trx, {
      topic: "store.changed",
      aggregateId: storeId,
      payload: { storeId, changes: patch, by: actor.id, at: new Date().toISOString() },
    });
  });
  await deps.menu.invalidateStore(storeId);
  return getStore(deps.db, storeId, deps.now());
}
