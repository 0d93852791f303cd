// How the Redis driver index writes positions and delivery records into Redis values and reads them back.
import type { DeliveryRecord, StoredPosition } from "./driver-index.ts";

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
  }
  return r;
}
