// Where a delivery goes, checked before the server is asked: a saved address, or the typed one with its
// pin; or what is missing, in words, with the part of the form it is about.
import type { LngLat } from "@pizza/ui/map";
import type { Address } from "../api-types.ts";
import type { MessageKey } from "../i18n/en.ts";
import type { Start } from "../order-state.ts";
import type { AddressFields } from "./use-delivery-address.ts";

/** What is wrong with the typed address, and which part of the form it is about. */
export interface AddressProblem {
  about: "street" | "pin";
  /** The message's key in the catalog (the form says it in the customer's language). */
  message: MessageKey;
}

const LATITUDE = "address.latitudeRange";
const LONGITUDE = "address.longitudeRange";

/** The chosen or typed address with its location, or what is missing, in words. */
export function deliveryTarget(
  chosen: Address | undefined,
  fields: AddressFields,
  pin: LngLat | null,
): { location: LngLat; address: Start["address"] } | { problem: AddressProblem } {
  if (chosen)
    return {
      location: { lat: chosen.lat, lng: chosen.lng },
      address: {
        line1: chosen.line1,
        line2: chosen.line2,
        city: chosen.city,
        postalCode: chosen.postalCode,
        notes: chosen.notes,
      },
    };
  const { line1, city, postalCode, notes } = fields;
  if (!line1.trim() || !city.trim())
    return { problem: { about: "street", message: "address.streetAndCity" } };
  if (!pin)
    return {
      problem: {
        about: "pin",
        message: "address.dropPin",
      },
    };
  // The server's own sentences, said before asking it.
  if (Math.abs(pin.lat) > 90) return { problem: { about: "pin", message: LATITUDE } };
  if (Math.abs(pin.lng) > 180) return { problem: { about: "pin", message: LONGITUDE } };
  return {
    location: pin,
    address: {
      line1: line1.trim(),
      city: city.trim(),
      postalCode: postalCode.trim() || null,
      notes: notes.trim() || null,
    },
  };
}
