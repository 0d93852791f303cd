// Use case: what is at a point (the pin, the customer's current location): the nearest address or
// landmark and how far it is, or null when the point is far from every known place.
import { haversineM, type LatLng } from "@pizza/contracts";
import type { Cache } from "../../infra/cache.ts";
import { cachedLookup, geoCacheKey } from "./cached-lookup.ts";
import type { Geocoder, NearestPlace } from "./geocoder.ts";

/** About 10 m: a pin nudged a little asks the same question; the distance is measured from the real pin. */
const round = (x: number) => Math.round(x * 10_000) / 10_000;

export async function reverseGeocode(
  deps: { geocoder: Geocoder; cache?: Cache },
  point: LatLng,
  locale: string,
): Promise<NearestPlace | null> {
  const rounded = { lat: round(point.lat), lng: round(point.lng) };
  const key = geoCacheKey(`reverse:${deps.geocoder.kind}`, [rounded.lat, rounded.lng, locale]);
  const place = await cachedLookup(deps.cache, key, () => deps.geocoder.reverse(rounded, locale));
  return place && { ...place, distanceM: Math.round(haversineM(point, place)) };
}
