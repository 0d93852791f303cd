// The embedded geocoder: autocomplete and reverse geocoding over the demo gazetteer, no server needed.
// Typed text is matched word by word (text-match.ts); a number in it is tried as the house number, and
// when a street has no such house (or none was typed) the street itself is suggested.
import { haversineM, type LatLng } from "@pizza/contracts";
import {
  CITIES,
  type GazetteerLandmark,
  type GazetteerStreet,
  LANDMARKS,
  STREETS,
} from "./gazetteer-data.ts";
import { landmarkPlace, streetPlace } from "./gazetteer-labels.ts";
import {
  type Geocoder,
  type NearestPlace,
  type Place,
  primaryLanguage,
  REVERSE_RADIUS_M,
  type SearchOptions,
} from "./geocoder.ts";
import { middleOf, nearestOnStreet, pointOfNumber } from "./street-geometry.ts";
import { isHouseNumber, matchScore, words } from "./text-match.ts";

interface Indexed<T> {
  entry: T;
  /** Words of the entry's own names (local, English, aliases). */
  nameWords: string[];
  /** Words that may narrow it down: district, city names, postcode. */
  placeWords: string[];
}

function index<T extends GazetteerStreet | GazetteerLandmark>(entry: T): Indexed<T> {
  const city = CITIES.find((c) => c.id === entry.city)!;
  return {
    entry,
    nameWords: [entry.name, entry.nameEn ?? "", ...(entry.aliases ?? [])].flatMap(words),
    placeWords: [
      entry.district ?? "",
      entry.districtEn ?? "",
      entry.postcode ?? "",
      ...Object.values(city.names),
    ].flatMap(words),
  };
}

/**
 * Scores typed words against an entry: at least one must match the entry's names and every one must
 * match a name or place word. Name matches count double so "Berlin" alone does not rank every street.
 */
function score(typed: string[], item: Indexed<unknown>): number {
  const onName = typed.filter((t) => matchScore([t], item.nameWords) > 0);
  if (onName.length === 0) return 0;
  const rest = typed.filter((t) => !onName.includes(t));
  const restScore = rest.length === 0 ? 0 : matchScore(rest, item.placeWords) * rest.length;
  if (rest.length > 0 && restScore === 0) return 0;
  return 2 * matchScore(onName, item.nameWords) * onName.length + restScore;
}

interface Candidate {
  place: Place;
  score: number;
  /** Streets are listed once per name, with or without a number. */
  groupKey: string;
}

export class GazetteerGeocoder implements Geocoder {
  readonly kind = "gazetteer" as const;
  private readonly streets = STREETS.map(index);
  private readonly landmarks = LANDMARKS.map(index);

  async search(query: string, options: SearchOptions): Promise<Place[]> {
    const typed = words(query);
    if (typed.length === 0) return [];
    const lang = primaryLanguage(options.locale);
    const candidates: Candidate[] = [];
    for (const item of this.landmarks) {
      const s = score(typed, item);
      if (s > 0)
        candidates.push({
          place: landmarkPlace(item.entry, options.locale, lang),
          score: s,
          groupKey: item.entry.id,
        });
    }
    for (const item of this.streets) {
      const found = this.matchStreet(typed, item, options, lang);
      if (found) candidates.push(found);
    }
    const distance = (p: Place) => (options.near ? haversineM(options.near, p) : 0);
    candidates.sort((a, b) => b.score - a.score || distance(a.place) - distance(b.place));
    const seen = new Set<string>();
    const out: Place[] = [];
    for (const c of candidates) {
      if (seen.has(c.groupKey)) continue;
      seen.add(c.groupKey);
      out.push(c.place);
      if (out.length >= options.limit) break;
    }
    return out;
  }

  /** The street without a number, or with one of the typed numbers when the street has that house. */
  private matchStreet(
    typed: string[],
    item: Indexed<GazetteerStreet>,
    options: SearchOptions,
    lang: string,
  ): Candidate | undefined {
    const street = item.entry;
    const groupKey = `${street.city}:${street.name}`;
    const plain = score(typed, item);
    if (plain > 0) {
      const at = options.near ? nearestOnStreet(street.line, options.near).point : middleOf(street.line);
      return { place: streetPlace(street, options.locale, lang, at), score: plain, groupKey };
    }
    for (let i = 0; i < typed.length; i++) {
      const word = typed[i]!;
      if (!isHouseNumber(word)) continue;
      const rest = typed.filter((_, j) => j !== i);
      const s = score(rest, item);
      if (s === 0) continue;
      const n = Number.parseInt(word, 10);
      const at = pointOfNumber(street.line, n, street.horseshoe);
      // A street of the right name without that house: still the street, ranked a little lower.
      if (!at)
        return {
          place: streetPlace(street, options.locale, lang, middleOf(street.line)),
          score: s - 0.5,
          groupKey,
        };
      return { place: streetPlace(street, options.locale, lang, at, n), score: s + 0.5, groupKey };
    }
    return undefined;
  }

  async reverse(point: LatLng, locale: string): Promise<NearestPlace | null> {
    const lang = primaryLanguage(locale);
    let best: NearestPlace | null = null;
    for (const { entry } of this.streets) {
      const near = nearestOnStreet(entry.line, point);
      if (near.distanceM > REVERSE_RADIUS_M || (best && near.distanceM >= best.distanceM)) continue;
      best = { ...streetPlace(entry, locale, lang, near.point, near.houseNumber), distanceM: near.distanceM };
    }
    for (const { entry } of this.landmarks) {
      const d = haversineM(entry, point);
      if (d > REVERSE_RADIUS_M || (best && d >= best.distanceM)) continue;
      best = { ...landmarkPlace(entry, locale, lang), distanceM: d };
    }
    return best && { ...best, distanceM: Math.round(best.distanceM) };
  }
}
