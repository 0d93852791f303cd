// The Geocoder port: what the address search needs from any geocoder (typed text → places, a point →
// the address there). Adapters: PhotonGeocoder (a self-hosted Photon, GEOCODER_URL) and
// GazetteerGeocoder (the embedded demo gazetteer); both pass geocoder.contract.ts.
import type { LatLng } from "@pizza/contracts";
import { serviceUnavailable } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";

/** street: a street without a house number; address: a house on a street; landmark: a named place. */
export type PlaceKind = "street" | "address" | "landmark";

/** One place a person may mean, ready to show in a list and to put on the map. */
export interface Place extends LatLng {
  /** Stable within one geocoder (an OSM id for Photon, the gazetteer's entry id otherwise). */
  id: string;
  kind: PlaceKind;
  /** One line for the suggestion list, in the asked locale where the geocoder knows it. */
  label: string;
  /** A landmark's own name ("Times Square"); absent for plain streets and addresses. */
  name?: string;
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
  country?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode?: string;
}

/** What is at (or nearest to) a point, and how far from the point it is. */
export interface NearestPlace extends Place {
  distanceM: number;
}

export interface SearchOptions {
  /** Results near this point are preferred (the store, the map's centre, the customer's position). */
  near?: LatLng;
  /** BCP 47 tag; the primary language picks the names ("en", "de", "ja"). */
  locale: string;
  limit: number;
}

export interface Geocoder {
  /** Which adapter answers (shown in the start log). */
  readonly kind: "photon" | "gazetteer";
  /** Suggestions for typed text, best first; a missing house number gives the street itself. */
  search(query: string, options: SearchOptions): Promise<Place[]>;
  /** The nearest address or landmark within `REVERSE_RADIUS_M`, or null when nothing is that close. */
  reverse(point: LatLng, locale: string): Promise<NearestPlace | null>;
}

/** How far reverse looks: a pin farther than this from every known place has no address. */
export const REVERSE_RADIUS_M = 1_000;

/** The geocoder could not answer (down, too slow, answered nonsense): a 503 with a sentence, never a 500. */
export function geocoderUnavailable(reason: string) {
  return serviceUnavailable(msg("geo.unavailable"), { reason, retryAfterMs: 10_000 });
}

/** "en-US" → "en". */
export function primaryLanguage(locale: string): string {
  return (locale.split("-")[0] ?? "en").toLowerCase();
}
