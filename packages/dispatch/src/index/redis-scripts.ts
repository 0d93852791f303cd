/**
 * Lua scripts of the Redis adapter. Each runs atomically on the shard that owns its region (every key
 * of one call carries the same `{region}` hash tag), which is what makes claims race-free.
 *
 * Stored shapes:
 * - pos hash: driverId → "ts;receivedAt;lat;lng;cell;heading;speed;accuracy" (Lua reads the first four)
 * - drv hash: driverId → {"s":status,"o":offered deliveryId or "","od":deadline,"oc":[the rest of the
 *   offer's trip],"d":[deliveryIds]}
 * - avail geo set: drivers that may be offered work (available, no offer, room for a delivery)
 * - offers zset: "driverId\ndeliveryId" → deadline; pending zset: deliveryId → due time
 * - req hash: deliveryId → DeliveryRecord JSON
 */
import {
  CLAIM,
  COMPLETE,
  CONFIRM,
  EXPIRE_OFFERS,
  LEASE_DUE,
  PUT_REQUEST,
  RELEASE,
  WAITING_BEFORE,
} from "./redis-delivery-scripts.ts";
import { INGEST, NEAREST, SET_STATUS } from "./redis-driver-scripts.ts";

/** The index's scripts by command name, with how many of their arguments are keys. */
export const SCRIPTS = {
  dispatchIngest: [3, INGEST],
  dispatchSetStatus: [3, SET_STATUS],
  dispatchNearest: [2, NEAREST],
  dispatchClaim: [7, CLAIM],
  dispatchConfirm: [6, CONFIRM],
  dispatchRelease: [6, RELEASE],
  dispatchComplete: [6, COMPLETE],
  dispatchPutRequest: [3, PUT_REQUEST],
  dispatchLeaseDue: [3, LEASE_DUE],
  dispatchExpireOffers: [7, EXPIRE_OFFERS],
  dispatchWaitingBefore: [2, WAITING_BEFORE],
} as const;
export type ScriptName = keyof typeof SCRIPTS;
