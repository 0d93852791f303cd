// How the Redis driver index writes positions and delivery records into Redis values and reads them back.
import type { ClaimOptions, DeliveryRecord, ExpiredOffer, StoredPosition } from "./driver-index.ts";

/** "ts;receivedAt;lat;lng;cell;heading;speed;accuracy": Lua reads the first four, no JSON on the hot path. */
export function encodePos(p: StoredPosition): string {
  return `${p.ts};${p.receivedAt};${p.lat};${p.lng};${p.cell};${p.heading ?? ""};${p.speed ?? ""};${p.accuracy ?? ""}`;
}

export function decodePos(s: string): StoredPosition {
  const [ts, receivedAt, lat, lng, cell, heading, speed, accuracy] = s.split(";");
  const p: StoredPosition = {
    ts: Number(ts),
    receivedAt: Number(receivedAt),
    lat: Number(lat),
    lng: Number(lng),
    cell: cell ?? "",
  };
  if (heading) p.heading = Number(heading);
  if (speed) p.speed = Number(speed);
  if (accuracy) p.accuracy = Number(accuracy);
  return p;
}

/** Lua's cjson writes empty arrays as `{}`; put them back. */
export function decodeRecord(raw: string): DeliveryRecord {
  const r = JSON.parse(raw) as DeliveryRecord;
  const arr = <T>(v: T[] | unknown): T[] => (Array.isArray(v) ? v : []);
  r.declined = arr(r.declined);
  r.timedOut = arr(r.timedOut);
  if (r.explanation) {
    r.explanation.candidates = arr(r.explanation.candidates);
    r.explanation.lostRaces = arr(r.explanation.lostRaces);
    if (r.explanation.batch) r.explanation.batch.route = arr(r.explanation.batch.route);
  }
  if (r.trip) r.trip.stops = arr(r.trip.stops);
  return r;
}

/** A trip's further deliveries for the claim script: [[deliveryId, expectedVersion, nextRecordJson], …]. */
export function encodeCompanions(companions: ClaimOptions["companions"]): string {
  return JSON.stringify(
    (companions ?? []).map((c) => [
      c.deliveryId,
      c.expectedVersion,
      JSON.stringify({ ...c.next, version: c.expectedVersion + 1 }),
    ]),
  );
}

/** The expiry script's flat reply: driverId, deliveryId, deadline, companions (comma-joined), … */
export function decodeExpired(flat: string[]): ExpiredOffer[] {
  const out: ExpiredOffer[] = [];
  for (let i = 0; i < flat.length; i += 4) {
    const companions = flat[i + 3] ? flat[i + 3]!.split(",") : [];
    out.push({ driverId: flat[i]!, deliveryId: flat[i + 1]!, deadline: Number(flat[i + 2]), companions });
  }
  return out;
}
