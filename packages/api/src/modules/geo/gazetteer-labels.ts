// How the gazetteer names its places in a locale: local names for people of that language, English
// ones (or both, for Japanese names) for everyone else, and the address order each country uses.
import type { CityId, GazetteerCity, GazetteerLandmark, GazetteerStreet } from "./gazetteer-data.ts";
import { CITIES } from "./gazetteer-data.ts";
import type { Place } from "./geocoder.ts";

const citiesById = new Map<CityId, GazetteerCity>(CITIES.map((c) => [c.id, c]));
export const cityOf = (id: CityId): GazetteerCity => citiesById.get(id)!;

/** Local names for the city's own language, and for "default" (what Photon calls the local names). */
const readsLocal = (city: GazetteerCity, lang: string) => lang === city.language || lang === "default";

/** "渋谷駅" for Japanese readers, "渋谷駅 Shibuya Station" for others; "Brandenburg Gate" in English. */
export function localName(
  local: string,
  english: string | undefined,
  city: GazetteerCity,
  lang: string,
): string {
  if (!english || readsLocal(city, lang)) return local;
  return city.language === "ja" ? `${local} ${english}` : english;
}

const countryNames = new Map<string, Intl.DisplayNames>();
function countryName(code: string, locale: string): string {
  let names = countryNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, "en"], { type: "region" });
    countryNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

type Entry = Pick<GazetteerStreet, "city" | "postcode" | "district" | "districtEn">;

/** The parts every place of one entry shares: postcode, city, country, and the district in words. */
function commonParts(entry: Entry, locale: string, lang: string) {
  const city = cityOf(entry.city);
  const cityName = (readsLocal(city, lang) ? undefined : city.names[lang]) ?? city.names[city.language]!;
  const district = entry.district
    ? readsLocal(city, lang)
      ? entry.district
      : (entry.districtEn ?? entry.district)
    : undefined;
  return {
    city,
    district,
    fields: {
      ...(entry.postcode ? { postcode: entry.postcode } : {}),
      city: cityName,
      country: countryName(city.countryCode, locale),
      countryCode: city.countryCode,
    },
    /** "10999 Berlin", "New York 10036", "東京". */
    cityLine:
      city.countryCode === "DE"
        ? `${entry.postcode ? `${entry.postcode} ` : ""}${cityName}`
        : city.countryCode === "US"
          ? `${cityName}${entry.postcode ? ` ${entry.postcode}` : ""}`
          : cityName,
  };
}

/** "Oranienstraße 25" in Germany, "350 Fifth Avenue" in the US. */
function streetLine(countryCode: string, street: string, houseNumber: string | undefined): string {
  if (!houseNumber) return street;
  return countryCode === "US" ? `${houseNumber} ${street}` : `${street} ${houseNumber}`;
}

export function streetPlace(
  street: GazetteerStreet,
  locale: string,
  lang: string,
  at: { lat: number; lng: number },
  houseNumber?: number,
): Place {
  const { city, district, fields, cityLine } = commonParts(street, locale, lang);
  const name = localName(street.name, street.nameEn, city, lang);
  const number = houseNumber === undefined ? undefined : String(houseNumber);
  const label = [streetLine(city.countryCode, name, number), district, cityLine].filter(Boolean).join(", ");
  return {
    id: number ? `${street.id}#${number}` : street.id,
    kind: number ? "address" : "street",
    label,
    street: name,
    ...(number ? { houseNumber: number } : {}),
    ...fields,
    lat: at.lat,
    lng: at.lng,
  };
}

export function landmarkPlace(landmark: GazetteerLandmark, locale: string, lang: string): Place {
  const { city, district, fields, cityLine } = commonParts(landmark, locale, lang);
  const name = localName(landmark.name, landmark.nameEn, city, lang);
  const address = landmark.street
    ? streetLine(city.countryCode, landmark.street, landmark.houseNumber)
    : undefined;
  return {
    id: landmark.id,
    kind: "landmark",
    label: [name, address ?? district, cityLine].filter(Boolean).join(", "),
    name,
    ...(landmark.street ? { street: landmark.street } : {}),
    ...(landmark.houseNumber ? { houseNumber: landmark.houseNumber } : {}),
    ...fields,
    lat: landmark.lat,
    lng: landmark.lng,
  };
}
