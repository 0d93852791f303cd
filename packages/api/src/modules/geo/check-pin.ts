// Use case: does the pin on the map agree with the address the customer chose? More than 150 m apart
// is a disagreement the app warns about ("The pin is 1.0 km from Oranienstraße 25"), naming what is at
// the pin when the geocoder knows (best effort: a geocoder that is down does not block the check).
import { haversineM } from "@pizza/contracts";
import { AppError } from "../../errors.ts";
import type { Cache } from "../../infra/cache.ts";
import type { TCheckPinRequest } from "./geo.schemas.ts";
import type { Geocoder, NearestPlace } from "./geocoder.ts";
import { reverseGeocode } from "./reverse-geocode.ts";

/** Farther apart than this, the pin and the address are taken to mean different places. */
export const PIN_TOLERANCE_M = 150;

export interface PinCheck {
  disagree: boolean;
  distanceM: number;
  /** "40 m", "1.0 km" ("1,0 km" in German): the distance as the app shows it. */
  distanceText: string;
  /** The warning to show when they disagree, else null. */
  message: string | null;
  /** What is at the pin, when they disagree and the geocoder knows. */
  atPin: NearestPlace | null;
}

/** Metres to the nearest 10 under a kilometre, kilometres with one decimal from there, in `locale`. */
export function distanceInWords(metres: number, locale: string): string {
  if (metres < 1000) {
    const rounded = metres < 10 ? Math.round(metres) : Math.round(metres / 10) * 10;
    if (rounded < 1000)
      return new Intl.NumberFormat(locale, { style: "unit", unit: "meter", maximumFractionDigits: 0 }).format(
        rounded,
      );
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "kilometer",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(metres / 1000);
}

export async function checkPin(
  deps: { geocoder: Geocoder; cache?: Cache },
  input: TCheckPinRequest,
): Promise<PinCheck> {
  const distanceM = Math.round(haversineM(input.address, input.pin));
  const distanceText = distanceInWords(distanceM, input.locale);
  const disagree = distanceM > PIN_TOLERANCE_M;
  const atPin = disagree
    ? await reverseGeocode(deps, input.pin, input.locale).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") return null;
        throw error;
      })
    : null;
  return {
    disagree,
    distanceM,
    distanceText,
    message: disagree ? `The pin is ${distanceText} from ${input.label}.` : null,
    atPin,
  };
}
