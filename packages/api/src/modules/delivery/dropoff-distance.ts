// The distance rule at the door (issue 20): "Delivered" is refused beyond the store's drop-off radius
// (`stores.dropoff_radius_m`, default 300 m) from the address, by the
// driver's latest known position, unless the driver says why (met the customer elsewhere, the address is
// wrong, other). A driver standing at the store 2 km away can no longer tell a customer "Delivered" in
// passing. What was known is returned so the drop-off records it with the delivery.
import { haversineM } from "@pizza/dispatch";
import { preconditionFailed } from "../../errors.ts";
import type { DeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import type { TAwayReason } from "./proof.schemas.ts";

export interface DropoffWhere {
  position: { lat: number; lng: number; at: Date } | null;
  distanceM: number | null;
}

/** Where the driver is by the index; refuses (412) when too far (or unknown) and no reason is given. */
export async function checkDropoffDistance(
  rt: DeliveryRuntime,
  ctx: DeliveryContext,
  driverId: string,
  awayReason: TAwayReason | undefined,
): Promise<DropoffWhere> {
  const snap = await rt.index.getDriver(driverId, ctx.zone);
  const pos = snap?.position ?? null;
  const where: DropoffWhere = pos
    ? {
        position: { lat: pos.lat, lng: pos.lng, at: new Date(pos.ts) },
        distanceM: Math.round(haversineM(pos, ctx.dropoff)),
      }
    : { position: null, distanceM: null };
  if (awayReason || (where.distanceM !== null && where.distanceM <= ctx.dropoffRadiusM)) return where;
  throw preconditionFailed(
    where.distanceM === null
      ? "We do not know where you are (no position from your phone yet); say why to mark it delivered anyway."
      : `You are ${distanceText(where.distanceM)} from the address; say why to mark it delivered anyway.`,
    { reason: "away_from_address", distanceM: where.distanceM, allowed: ctx.dropoffRadiusM },
  );
}

/** "450 m", "2.1 km". */
export function distanceText(metres: number): string {
  return metres < 1000 ? `${Math.round(metres / 10) * 10} m` : `${(metres / 1000).toFixed(1)} km`;
}
