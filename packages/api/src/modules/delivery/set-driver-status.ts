// A driver on shift takes a break or is available again.
import { preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TSetStatusRequest, TSetStatusResult } from "./delivery.schemas.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { openShift } from "./go-online.ts";

export async function setDriverStatus(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TSetStatusRequest,
): Promise<TSetStatusResult> {
  const me = await rt.drivers.require(user);
  if (!(await openShift(rt.db, me.driverId))) {
    throw preconditionFailed("Go online first: you are not on a shift.");
  }
  const snap = await rt.index.setStatus(me.driverId, me.zone, input.status);
  return { status: snap.status, state: snap.state };
}
