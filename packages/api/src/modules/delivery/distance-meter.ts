// Distance driven per open shift, summed from accepted positions on this node and added to the shift's
// row every 500 m (and when the shift ends or its summary is asked for).

import { sql } from "@pizza/db";
import { haversineM, type LatLng } from "@pizza/dispatch";
import type { Db } from "./delivery-deps.ts";

export class DistanceMeter {
  private readonly driven = new Map<string, { last: LatLng; pending: number }>();

  constructor(private readonly db: Db) {}

  async add(driverId: string, here: LatLng): Promise<void> {
    const d = this.driven.get(driverId);
    if (!d) {
      this.driven.set(driverId, { last: here, pending: 0 });
      return;
    }
    const step = haversineM(d.last, here);
    // GPS jitter and teleports (a phone that was off) do not count as driving.
    if (step > 3 && step < 2_000) d.pending += step;
    d.last = here;
    if (d.pending > 500) await this.flush(driverId);
  }

  async flush(driverId: string): Promise<void> {
    const d = this.driven.get(driverId);
    if (!d || d.pending < 1) return;
    const metres = Math.round(d.pending);
    d.pending -= metres;
    await this.db
      .updateTable("driver_shifts")
      .set({ distance_m: sql`distance_m + ${metres}` })
      .where("driver_id", "=", driverId)
      .where("ended_at", "is", null)
      .execute();
  }

  forget(driverId: string): void {
    this.driven.delete(driverId);
  }
}
