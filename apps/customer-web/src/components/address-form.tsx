import { FormError, TextField } from "@pizza/ui";
import { type FormEvent, useRef, useState } from "react";
import type { AddressInput } from "../api-types.ts";

type Draft = Record<"label" | "line1" | "line2" | "city" | "postalCode" | "notes" | "lat" | "lng", string>;

const toDraft = (a?: AddressInput): Draft => ({
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

/** Add or edit one saved address. Coordinates are typed (or taken from the device) until the map picker lands. */
export function AddressForm({
  initial,
  isDefault,
  canChooseDefault,
  busy,
  serverError,
  onSave,
  onCancel,
}: {
  initial?: AddressInput;
  isDefault: boolean;
  canChooseDefault: boolean;
  busy: boolean;
  serverError: string;
  onSave(address: AddressInput): void;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [makeDefault, setMakeDefault] = useState(isDefault);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [locating, setLocating] = useState("");
  const form = useRef<HTMLFormElement>(null);

  const bind = (key: keyof Draft) => ({
    name: key,
    value: draft[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  function fillFromDevice() {
    if (!navigator.geolocation) return setLocating("This device cannot share its location.");
    setLocating("Finding you…");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setDraft((d) => ({
          ...d,
          lat: position.coords.latitude.toFixed(6),
          lng: position.coords.longitude.toFixed(6),
        }));
        setLocating("");
      },
      () => setLocating("We couldn't get your location; type the coordinates instead."),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<keyof Draft, string>> = {};
    if (!draft.label.trim()) next.label = "Give this address a name, like Home or Work.";
    if (!draft.line1.trim()) next.line1 = "Enter the street and number.";
    if (!draft.city.trim()) next.city = "Enter the city.";
    const lat = parseCoordinate(draft.lat, 90, "latitude");
    const lng = parseCoordinate(draft.lng, 180, "longitude");
    if (typeof lat === "string") next.lat = lat;
    if (typeof lng === "string") next.lng = lng;
    setErrors(next);
    if (Object.keys(next).length > 0 || typeof lat === "string" || typeof lng === "string") {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSave({
      ...(initial?.id ? { id: initial.id } : {}),
      label: draft.label.trim(),
      line1: draft.line1.trim(),
      line2: draft.line2.trim() || null,
      city: draft.city.trim(),
      postalCode: draft.postalCode.trim() || null,
      notes: draft.notes.trim() || null,
      lat,
      lng,
      isDefault: makeDefault,
    });
  }

  return (
    <form ref={form} className="stack address-form" onSubmit={submit} noValidate>
      <h3>{initial ? `Edit “${initial.label}”` : "New address"}</h3>
      <TextField label="Name of this address" placeholder="Home" maxLength={40} required {...bind("label")} />
      <TextField
        label="Street address"
        autoComplete="address-line1"
        maxLength={200}
        required
        {...bind("line1")}
      />
      <TextField
        label="Apartment, floor, buzzer (optional)"
        autoComplete="address-line2"
        maxLength={200}
        {...bind("line2")}
      />
      <div className="grid-2">
        <TextField label="City" autoComplete="address-level2" maxLength={100} required {...bind("city")} />
        <TextField
          label="Postal code (optional)"
          autoComplete="postal-code"
          maxLength={20}
          {...bind("postalCode")}
        />
      </div>
      <TextField
        label="Notes for the driver (optional)"
        placeholder="Ring twice, side entrance"
        maxLength={500}
        {...bind("notes")}
      />
      <fieldset className="stack stack--tight">
        <legend className="field__label">Location on the map</legend>
        <div className="grid-2 grid-2--short">
          <TextField label="Latitude" inputMode="decimal" placeholder="40.7128" required {...bind("lat")} />
          <TextField label="Longitude" inputMode="decimal" placeholder="-74.0060" required {...bind("lng")} />
        </div>
        <div className="row">
          <button type="button" className="button button--small" onClick={fillFromDevice}>
            Use my current location
          </button>
          {locating ? (
            <span className="small muted" role="status">
              {locating}
            </span>
          ) : null}
        </div>
      </fieldset>
      {canChooseDefault ? (
        <label className="checkbox">
          <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
          Use as my default delivery address
        </label>
      ) : null}
      <FormError message={serverError} />
      <div className="row row--end">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : "Save address"}
        </button>
      </div>
    </form>
  );
}
