// The in-process index's state: per region, its drivers, their search buckets, the delivery records,
// the schedule and the open offers (the same things the Redis adapter keeps in its keys).
import type { DeliveryRecord, DriverOffer, DriverStatus, StoredPosition } from "./driver-index.ts";

export interface DriverRecord {
  status: DriverStatus;
  offer: DriverOffer | null;
  deliveries: string[];
  pos: StoredPosition | null;
  /**
   * The search bucket: the cell at the search resolution that contains the position. Not
   * cellToParent(pos.cell): H3 children poke out of their parent, and the ring search's distance
   * bound needs the bucket to really contain the point.
   */
  bucket: string | null;
}

export interface RegionState {
  drivers: Map<string, DriverRecord>;
  /** searchCell → drivers that could be offered work (freshness is checked at query time). */
  buckets: Map<string, Map<string, StoredPosition>>;
  bucketOf: Map<string, string>;
  requests: Map<string, DeliveryRecord>;
  /** deliveryId → due time. */
  pending: Map<string, number>;
  /** `${driverId}\n${deliveryId}` → deadline (same member shape as the Redis sorted set). */
  offers: Map<string, number>;
}
