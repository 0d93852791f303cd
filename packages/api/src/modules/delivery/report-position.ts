// Every accepted socket position of a driver (`services.tracking.positionSink`) goes to the dispatch
// index in the zone of the driver's home store, adds to the shift's distance and is checked against the
// drop-offs of the orders the driver carries ("arriving"); refusals are counted.
import type { DriverPosition } from "../../realtime/events.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

export async function reportPosition(
  rt: DeliveryRuntime,
  driver: AuthUser,
  position: DriverPosition,
): Promise<void> {
  const me = await rt.drivers.info(driver.id);
  if (!me) {
    rt.positionStats.unknownDriver++;
    return;
  }
  const res = await rt.index.ingest(
    me.driverId,
    me.zone,
    {
      lat: position.lat,
      lng: position.lng,
      ts: position.at,
      ...(position.heading !== undefined ? { heading: position.heading } : {}),
      ...(position.speedMps !== undefined ? { speed: position.speedMps } : {}),
      ...(position.accuracyM !== undefined ? { accuracy: position.accuracyM } : {}),
    },
    // After the index lost its data, a driver who keeps sending positions is on shift.
    { statusIfUnknown: "available" },
  );
  if (!res.accepted) {
    rt.positionStats.refused[res.reason]++;
    return;
  }
  rt.positionStats.accepted++;
  // Memory only per position (cached orders and drop-offs); a failure never costs the position.
  await rt.arrivals.check(driver.id, position).catch(() => undefined);
  await rt.distance.add(me.driverId, { lat: position.lat, lng: position.lng });
}
