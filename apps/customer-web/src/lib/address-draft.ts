// A saved address while it is being edited: every field as typed, checked with the server's sentences
// before it is sent.
import type { AddressInput } from "../api-types.ts";

export type Draft = Record<
  "label" | "line1" | "line2" | "city" | "postalCode" | "notes" | "lat" | "lng",
  string
>;
export type DraftErrors = Partial<Record<keyof Draft, string>>;

export const toDraft = (a?: AddressInput): Draft => ({
  label: a?.label ?? "",
  line1: a?.line1 ?? "",
  line2: a?.line2 ?? "",
  city: a?.city ?? "",
  postalCode: a?.postalCode ?? "",
  notes: a?.notes ?? "",
  lat: a ? String(a.lat) : "",
  lng: a ? String(a.lng) : "",
});

function parseCoordinate(raw: string, limit: number, name: string): number | string {
  const value = Number(raw.trim().replace(",", "."));
  if (raw.trim() === "" || !Number.isFinite(value))
    return `Enter the ${name} as a number, like ${limit === 90 ? "40.7128" : "-74.006"}.`;
  if (Math.abs(value) > limit)
    return `${name[0]!.toUpperCase()}${name.slice(1)} must be between -${limit} and ${limit}.`;
  return value;
}

/** The address to save, or what is wrong with each field. */
export function checkDraft(
  draft: Draft,
  id: string | undefined,
  isDefault: boolean,
): { address: AddressInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!draft.label.trim()) errors.label = "Give this address a name, like Home or Work.";
  if (!draft.line1.trim()) errors.line1 = "Enter the street and number.";
  if (!draft.city.trim()) errors.city = "Enter the city.";
  const lat = parseCoordinate(draft.lat, 90, "latitude");
  const lng = parseCoordinate(draft.lng, 180, "longitude");
  if (typeof lat === "string") errors.lat = lat;
  if (typeof lng === "string") errors.lng = lng;
  if (Object.keys(errors).length > 0 || typeof lat === "string" || typeof lng === "string") return { errors };
  return {
    address: {
      ...(id ? { id } : {}),
      label: draft.label.trim(),
      line1: draft.line1.trim(),
      line2: draft.line2.trim() || null,
      city: draft.city.trim(),
      postalCode: draft.postalCode.trim() || null,
      notes: draft.notes.trim() || null,
      lat,
      lng,
      isDefault,
    },
  };
}
