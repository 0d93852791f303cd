// Turning a geocoder's place into the fields of an address form.
import type { Place } from "../api-types.ts";

export interface PlaceFields {
  line1: string;
  city: string;
  postalCode: string;
}

/**
 * The street line is the label's first part ("Oranienstraße 25", "350 Fifth Avenue"): the label is already
 * in the country's address order, which the separate street and house number are not.
 */
export function placeFields(place: Place): PlaceFields {
  const first = place.label.split(",")[0]?.trim() ?? "";
  return {
    line1: first || [place.houseNumber, place.street].filter(Boolean).join(" ") || place.name || "",
    city: place.city ?? "",
    postalCode: place.postcode ?? "",
  };
}
