// A saved address while it is being edited: every field as typed, checked with the server's sentences
// before it is sent.
import type { AddressInput } from "../api-types.ts";
import type { MessageKey } from "../i18n/en.ts";

export type Draft = Record<
  "label" | "line1" | "line2" | "city" | "postalCode" | "notes" | "lat" | "lng",
  string
>;
/** Each field's problem, as a message key of the catalog. */
export type DraftErrors = Partial<Record<keyof Draft, MessageKey>>;

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

function parseCoordinate(raw: string, limit: number, name: "latitude" | "longitude"): number | MessageKey {
  const value = Number(raw.trim().replace(",", "."));
  if (raw.trim() === "" || !Number.isFinite(value)) return `address.${name}Number`;
  if (Math.abs(value) > limit) return `address.${name}Range`;
  return value;
}

/** The address to save, or what is wrong with each field. */
export function checkDraft(
  draft: Draft,
  id: string | undefined,
  isDefault: boolean,
): { address: AddressInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!draft.label.trim()) errors.label = "address.labelRequired";
  if (!draft.line1.trim()) errors.line1 = "address.streetRequired";
  if (!draft.city.trim()) errors.city = "address.cityRequired";
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
