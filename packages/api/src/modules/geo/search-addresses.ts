// Use case: suggestions for what the customer has typed so far, in their language, near the point the
// app gives (cached per query, locale and rounded point).
import type { Cache } from "../../infra/cache.ts";
import { cachedLookup, geoCacheKey } from "./cached-lookup.ts";
import type { TSearchRequest } from "./geo.schemas.ts";
import type { Geocoder, Place } from "./geocoder.ts";

/** About 1 km: searches from neighbouring points share one cache entry; the bias is the same. */
const round = (x: number) => Math.round(x * 100) / 100;

export async function searchAddresses(
  deps: { geocoder: Geocoder; cache?: Cache },
  input: TSearchRequest,
): Promise<Place[]> {
  const near = input.near && { lat: round(input.near.lat), lng: round(input.near.lng) };
  const key = geoCacheKey(`search:${deps.geocoder.kind}`, [
    input.query.toLowerCase(),
    input.locale,
    near?.lat,
    near?.lng,
    input.limit,
  ]);
  return cachedLookup(deps.cache, key, () =>
    deps.geocoder.search(input.query, {
      locale: input.locale,
      limit: input.limit,
      ...(near ? { near } : {}),
    }),
  );
}
