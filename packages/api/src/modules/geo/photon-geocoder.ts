// The HTTP adapter for a Photon geocoder (https://github.com/komoot/photon, self-hosted or a provider
// that speaks its API): GET {GEOCODER_URL}/api?q=&lat=&lon=&limit=&lang= for suggestions and
// /reverse?lat=&lon=&radius=&limit=1&lang= for the place at a point, both answering GeoJSON
// FeatureCollections whose properties follow GeocodeJSON (name, street, housenumber, postcode, city,
// countrycode, type, osm_key…). A slow, failing or nonsensical answer is a 503 with a sentence; the
// URL (which may carry a provider's key) and the typed text are never logged.
import { haversineM, type LatLng } from "@pizza/contracts";
import type { Logger } from "pino";
import { z } from "zod";
import {
  type Geocoder,
  geocoderUnavailable,
  type NearestPlace,
  type Place,
  type PlaceKind,
  primaryLanguage,
  REVERSE_RADIUS_M,
  type SearchOptions,
} from "./geocoder.ts";

export interface PhotonOptions {
  /** GEOCODER_URL: the server's base URL; its own query parameters (a provider's key) are kept. */
  baseUrl: string;
  userAgent: string;
  log: Logger;
  /** A request slower than this counts as the geocoder being down. */
  timeoutMs?: number;
  /** The `lang` values this server was imported with; other locales ask for `default` (local names). */
  languages?: string[];
}

const ZProperties = z.object({
  osm_type: z.string().optional(),
  osm_id: z.union([z.number(), z.string()]).optional(),
  osm_key: z.string().optional(),
  osm_value: z.string().optional(),
  type: z.string().optional(),
  name: z.string().optional(),
  housenumber: z.string().optional(),
  street: z.string().optional(),
  postcode: z.string().optional(),
  district: z.string().optional(),
  locality: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  countrycode: z.string().optional(),
});
const ZFeatureCollection = z.object({
  features: z.array(
    z.object({
      geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
      properties: ZProperties,
    }),
  ),
});
type Properties = z.infer<typeof ZProperties>;

/** Countries that write the house number before the street ("350 Fifth Avenue"). */
const NUMBER_FIRST = new Set(["US", "CA", "GB", "IE", "AU", "NZ", "FR", "LU"]);
/** Countries that write the city before the postcode ("New York 10036"). */
const CITY_FIRST = new Set(["US", "CA", "GB", "IE", "AU", "NZ", "JP"]);

function kindOf(p: Properties): PlaceKind {
  if (p.type === "street" || p.osm_key === "highway") return "street";
  if (p.housenumber && (!p.name || p.osm_key === "place" || p.osm_key === "building")) return "address";
  return "landmark";
}

/** One Photon feature as a place: the label in the country's own address order. */
export function placeOfFeature(f: z.infer<typeof ZFeatureCollection>["features"][number]): Place {
  const p = f.properties;
  const [lng, lat] = f.geometry.coordinates;
  const kind = kindOf(p);
  const country = p.countrycode?.toUpperCase();
  const street = kind === "street" ? (p.street ?? p.name) : p.street;
  const streetLine =
    street && p.housenumber
      ? NUMBER_FIRST.has(country ?? "")
        ? `${p.housenumber} ${street}`
        : `${street} ${p.housenumber}`
      : street;
  const town = p.city ?? p.locality;
  const cityLine = (CITY_FIRST.has(country ?? "") ? [town, p.postcode] : [p.postcode, town])
    .filter(Boolean)
    .join(" ");
  const name = kind === "landmark" ? p.name : undefined;
  const label = [name, streetLine, p.district, cityLine].filter(Boolean).join(", ");
  return {
    id: `${p.osm_type ?? ""}${p.osm_id ?? `${lat},${lng}`}`,
    kind,
    label: label || p.name || `${lat.toFixed(5)}, ${lng.toFixed(5)}`,
    ...(name ? { name } : {}),
    ...(street ? { street } : {}),
    ...(p.housenumber ? { houseNumber: p.housenumber } : {}),
    ...(p.postcode ? { postcode: p.postcode } : {}),
    ...(town ? { city: town } : {}),
    ...(p.country ? { country: p.country } : {}),
    ...(country ? { countryCode: country } : {}),
    lat,
    lng,
  };
}

export class PhotonGeocoder implements Geocoder {
  readonly kind = "photon" as const;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly languages: Set<string>;

  constructor(private readonly options: PhotonOptions) {
    this.base = new URL(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.languages = new Set(options.languages ?? ["en", "de", "fr", "it"]);
  }

  async search(query: string, options: SearchOptions): Promise<Place[]> {
    const params: Record<string, string> = {
      q: query,
      limit: String(options.limit),
      lang: this.lang(options.locale),
    };
    if (options.near) {
      params.lat = options.near.lat.toFixed(5);
      params.lon = options.near.lng.toFixed(5);
    }
    const answer = await this.get("api", params);
    return answer.features.map(placeOfFeature);
  }

  async reverse(point: LatLng, locale: string): Promise<NearestPlace | null> {
    const answer = await this.get("reverse", {
      lat: point.lat.toFixed(6),
      lon: point.lng.toFixed(6),
      radius: String(REVERSE_RADIUS_M / 1000),
      limit: "1",
      lang: this.lang(locale),
    });
    const feature = answer.features[0];
    if (!feature) return null;
    const place = placeOfFeature(feature);
    const distanceM = Math.round(haversineM(point, place));
    return distanceM > REVERSE_RADIUS_M ? null : { ...place, distanceM };
  }

  private lang(locale: string): string {
    const lang = primaryLanguage(locale);
    return this.languages.has(lang) ? lang : "default";
  }

  private async get(endpoint: "api" | "reverse", params: Record<string, string>) {
    const url = new URL(this.base);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/${endpoint}`;
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { accept: "application/json", "user-agent": this.options.userAgent },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "unreachable";
      return this.fail(endpoint, reason);
    }
    if (!res.ok) {
      await res.body?.cancel();
      return this.fail(endpoint, `http_${res.status}`);
    }
    const parsed = ZFeatureCollection.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) return this.fail(endpoint, "bad_answer");
    return parsed.data;
  }

  private fail(endpoint: string, reason: string): never {
    // The host only: GEOCODER_URL may carry credentials or a key, and the query is the customer's address.
    this.options.log.warn({ geocoder: this.base.host, endpoint, reason }, "geocoder did not answer");
    throw geocoderUnavailable(reason);
  }
}
