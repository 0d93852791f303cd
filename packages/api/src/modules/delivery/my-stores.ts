// The stores a driver may clock in at: their home store.
import type { AuthUser } from "../auth/tokens.ts";
import { storeForDispatch } from "../stores/store-for-dispatch.ts";
import type { TDriverStore } from "./delivery.schemas.ts";
import { storePlace } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

export async function myStores(rt: DeliveryRuntime, user: AuthUser): Promise<TDriverStore[]> {
  const me = await rt.drivers.require(user);
  const s = await storeForDispatch(rt.db, me.storeId);
  return s ? [{ ...storePlace(s), regionCode: s.regionCode }] : [];
}
