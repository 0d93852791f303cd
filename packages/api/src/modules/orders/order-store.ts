import { badRequest, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { StoreInfo } from "../stores/stores.service.ts";
import type { OrdersContext } from "./order-context.ts";

type LatLng = { lat: number; lng: number };

export interface StoreChoice {
  channel: "delivery" | "carryout";
  storeId?: string | undefined;
  location?: LatLng | undefined;
}

/** The store's id only (placing reads the store's state from its cached menu). */
export async function storeIdFor(
  ctx: Pick<OrdersContext, "db" | "stores">,
  input: StoreChoice,
): Promise<string> {
  if (input.storeId) {
    await assertDeliversThere(ctx, input.storeId, input);
    return input.storeId;
  }
  return (await ctx.stores.findForDelivery(locationOf(input), { allowClosed: true })).id;
}

/** The store itself (a quote answers with it). */
export async function storeFor(
  ctx: Pick<OrdersContext, "db" | "stores">,
  input: StoreChoice,
): Promise<StoreInfo> {
  if (input.storeId) {
    await assertDeliversThere(ctx, input.storeId, input);
    return ctx.stores.get(input.storeId);
  }
  return ctx.stores.findForDelivery(locationOf(input), { allowClosed: true });
}

function locationOf(input: StoreChoice): LatLng {
  if (!input.location) throw badRequest(msg("order.chooseStoreOrLocation"));
  return input.location;
}

/** A chosen store must have the delivery address in its zone (carryout and a missing location pass). */
async function assertDeliversThere(
  ctx: Pick<OrdersContext, "stores">,
  storeId: string,
  input: StoreChoice,
): Promise<void> {
  if (input.channel !== "delivery" || !input.location) return;
  if (!(await ctx.stores.deliversTo(storeId, input.location))) {
    throw preconditionFailed(msg("order.outsideZone"), {
      reason: "outside_delivery_zone",
    });
  }
}
