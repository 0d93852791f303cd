// Staff mark an item, topping, crust, sauce or option out of stock (or back), optionally with a counted
// stock. The level and the outbox `menu.changed` commit together; the menu cache is invalidated after.
import type { StockEntity } from "@pizza/db";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { assertMenuEntityExists } from "../menu/menu-entities.ts";
import { setStockLevel } from "./stock-levels.ts";
import type { StoreDeps } from "./store-deps.ts";

export interface TSetAvailability {
  entity: StockEntity;
  entityId: string;
  available: boolean;
  stock?: number | null | undefined;
}

export async function setAvailability(
  deps: StoreDeps,
  actor: AuthUser,
  storeId: string,
  input: TSetAvailability,
): Promise<{ entity: StockEntity; entityId: string; available: boolean; stock: number | null }> {
  await assertMenuEntityExists(deps.db, input.entity, input.entityId);
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await setStockLevel(trx, { ...input, storeId });
    await writeOutbox(trx, {
      topic: "menu.changed",
      aggregateId: storeId,
      payload: {
        storeId,
        entity: input.entity,
        entityId: input.entityId,
        available: r.available,
        stock: r.stock,
        by: actor.id,
      },
    });
    return r;
  });
  await deps.menu.invalidateStore(storeId);
  return { entity: row.entity, entityId: row.entity_id, available: row.available, stock: row.stock };
}
