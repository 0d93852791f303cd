import { EARTH_RADIUS_M, haversineM, type LatLng } from "@pizza/contracts";

export { EARTH_RADIUS_M, haversineM, type LatLng };

/**
 * Redis stores geo members as 52-bit geohashes in Web-Mercator bounds, so it refuses latitudes beyond
 * ±85.05112878°. Both adapters refuse them too (as "invalid"), so they behave the same; nobody orders a
 * pizza closer to the pole than that.
 */
export const MAX_ABS_LAT = 85.05112878;

const RAD = Math.PI / 180;

export function isValidLatLng(p: { lat: unknown; lng: unknown }): p is LatLng {
  return (
    typeof p.lat === "number" &&
    typeof p.lng === "number" &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    Math.abs(p.lat) <= MAX_ABS_LAT &&
    Math.abs(p.lng) <= 180
  );
}

/** Point reached from `from` after `distanceM` on initial bearing `bearingDeg` (great circle). */
export function destination(from: LatLng, bearingDeg: number, distanceM: number): LatLng {
  const d = distanceM / EARTH_RADIUS_M;
  const b = bearingDeg * RAD;
  const lat1 = from.lat * RAD;
  const lng1 = from.lng * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 =
    lng1 +
    Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / RAD, lng: normalizeLng(lng2 / RAD) };
}

/** Initial bearing in degrees [0, 360) from a to b. */
export function bearingDeg(a: LatLng, b: LatLng): number {
  const lat1 = a.lat * RAD;
  const lat2 = b.lat * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const y = Math.sin(dLng) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLng);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

export function normalizeLng(lng: number): number {
  const x = ((((lng + 180) % 360) + 360) % 360) - 180;
  return x === -180 && lng > 0 ? 180 : x;
}
