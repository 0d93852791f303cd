// Inputs of the address search procedures, with the sentences a person sees when one is wrong.
import { z } from "zod";
import { plainName, ZLocaleTag } from "../../infra/text-input.ts";

const LATITUDE = "Latitude must be between -90 and 90.";
const LONGITUDE = "Longitude must be between -180 and 180.";

export const ZLatitude = z.number({ error: LATITUDE }).min(-90, LATITUDE).max(90, LATITUDE);
export const ZLongitude = z.number({ error: LONGITUDE }).min(-180, LONGITUDE).max(180, LONGITUDE);
export const ZPoint = z.object({ lat: ZLatitude, lng: ZLongitude }, { error: "A point needs lat and lng." });

/** The language of the names in the answer; English when the app does not say. */
const ZGeoLocale = ZLocaleTag.default("en");

export const MIN_QUERY = 2;
export const MAX_QUERY = 120;

export const ZSearchRequest = z.object({
  /** What the person typed so far: trimmed, one space between words, no invisible characters. */
  query: z
    .string({ error: "Type an address, a street or a place." })
    .overwrite(plainName)
    .min(MIN_QUERY, `Type at least ${MIN_QUERY} characters of the address.`)
    .max(MAX_QUERY, `The address is too long (${MAX_QUERY} characters at most).`),
  /** Prefer places near here (the chosen store, the map's centre, the customer's position). */
  near: ZPoint.optional(),
  locale: ZGeoLocale,
  limit: z
    .number()
    .int("Limit must be a whole number from 1 to 10.")
    .min(1, "Limit must be a whole number from 1 to 10.")
    .max(10, "Limit must be a whole number from 1 to 10.")
    .default(5),
});
export type TSearchRequest = z.infer<typeof ZSearchRequest>;

export const ZReverseRequest = ZPoint.extend({ locale: ZGeoLocale });
export type TReverseRequest = z.infer<typeof ZReverseRequest>;

export const ZCheckPinRequest = z.object({
  /** The point of the address the customer chose (a suggestion's lat/lng). */
  address: ZPoint,
  /** Its label, named in the warning ("Oranienstraße 25, 10999 Berlin"). */
  label: z
    .string()
    .overwrite(plainName)
    .min(1, "The address label is empty.")
    .max(200, "The address label is too long (200 characters at most)."),
  /** Where the pin on the map is. */
  pin: ZPoint,
  locale: ZGeoLocale,
});
export type TCheckPinRequest = z.infer<typeof ZCheckPinRequest>;

/** About 20 km across: a district map, not a country's streets in one answer. */
export const MAX_BASEMAP_SPAN_DEG = 0.2;
const SPAN = `The map area is too large (${MAX_BASEMAP_SPAN_DEG}° across at most): zoom in.`;

export const ZBasemapRequest = z
  .object({ west: ZLongitude, south: ZLatitude, east: ZLongitude, north: ZLatitude, locale: ZGeoLocale })
  .refine((b) => b.east > b.west && b.north > b.south, {
    error: "The map area is empty: east must be greater than west and north greater than south.",
  })
  .refine((b) => b.east - b.west <= MAX_BASEMAP_SPAN_DEG && b.north - b.south <= MAX_BASEMAP_SPAN_DEG, {
    error: SPAN,
  });
export type TBasemapRequest = z.infer<typeof ZBasemapRequest>;
