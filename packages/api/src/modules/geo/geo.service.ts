// The address search's service object: it only wires the use cases to the geocoder and the cache.
import type { Basemap, LatLng } from "@pizza/contracts";
import type { Cache } from "../../infra/cache.ts";
import { gazetteerBasemap } from "./basemap.ts";
import { checkPin, type PinCheck } from "./check-pin.ts";
import type { TBasemapRequest, TCheckPinRequest, TSearchRequest } from "./geo.schemas.ts";
import type { Geocoder, NearestPlace, Place } from "./geocoder.ts";
import { reverseGeocode } from "./reverse-geocode.ts";
import { searchAddresses } from "./search-addresses.ts";

export class GeoService {
  constructor(private readonly deps: { geocoder: Geocoder; cache?: Cache; mapStyleUrl?: string | null }) {}

  /** Which adapter answers: "photon" (GEOCODER_URL) or "gazetteer" (the embedded demo). */
  get geocoderKind(): Geocoder["kind"] {
    return this.deps.geocoder.kind;
  }

  search(input: TSearchRequest): Promise<Place[]> {
    return searchAddresses(this.deps, input);
  }

  reverse(point: LatLng, locale: string): Promise<NearestPlace | null> {
    return reverseGeocode(this.deps, point, locale);
  }

  checkPin(input: TCheckPinRequest): Promise<PinCheck> {
    return checkPin(this.deps, input);
  }

  /** The map's base: the configured style, or the gazetteer's streets when the demo geocoder answers. */
  basemap(input: TBasemapRequest): Basemap {
    const styleUrl = this.deps.mapStyleUrl ?? null;
    if (styleUrl || this.deps.geocoder.kind !== "gazetteer") return { styleUrl, streets: [], landmarks: [] };
    return { styleUrl, ...gazetteerBasemap(input) };
  }
}
