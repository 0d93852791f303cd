// Adding or editing one of the customer's saved addresses: the street with suggestions (which fill the
// rest), or the device's location with the address found there, or everything typed.
import { FormError, TextField } from "@pizza/ui";
import { type FormEvent, useRef, useState } from "react";
import type { AddressInput, Place } from "../api-types.ts";
import { useT } from "../i18n/index.tsx";
import { checkDraft, type Draft, type DraftErrors, toDraft } from "../lib/address-draft.ts";
import { placeFields } from "../lib/places.ts";
import { useDevicePlace } from "../lib/use-device-place.ts";
import { AddressSearch } from "./address/address-search.tsx";
import { LocationFields } from "./address/location-fields.tsx";

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
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [makeDefault, setMakeDefault] = useState(isDefault);
  const [errors, setErrors] = useState<DraftErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const set = (key: keyof Draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const bind = (key: keyof Draft) => ({
    name: key,
    value: draft[key],
    error: errors[key] ? t(errors[key]) : undefined,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });
  const fill = (place: Place, at = { lat: place.lat, lng: place.lng }) =>
    setDraft((d) => ({ ...d, ...placeFields(place), lat: at.lat.toFixed(6), lng: at.lng.toFixed(6) }));
  const device = useDevicePlace((at, place) =>
    place ? fill(place, at) : setDraft((d) => ({ ...d, lat: at.lat.toFixed(6), lng: at.lng.toFixed(6) })),
  );
  const near =
    Number.isFinite(Number.parseFloat(draft.lat)) && Number.isFinite(Number.parseFloat(draft.lng))
      ? { lat: Number.parseFloat(draft.lat), lng: Number.parseFloat(draft.lng) }
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkDraft(draft, initial?.id, makeDefault);
    setErrors("errors" in checked ? checked.errors : {});
    if ("errors" in checked) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSave(checked.address);
  }

  return (
    <form ref={form} className="stack address-form" onSubmit={submit} noValidate>
      <h3>{initial ? t("account.editAddress", { label: initial.label }) : t("account.newAddress")}</h3>
      <TextField
        label={t("account.addressName")}
        placeholder={t("account.addressNamePlaceholder")}
        maxLength={40}
        required
        {...bind("label")}
      />
      <AddressSearch
        label={t("account.streetAddress")}
        value={draft.line1}
        near={near && Math.abs(near.lat) <= 90 && Math.abs(near.lng) <= 180 ? near : null}
        error={errors.line1}
        input={{ name: "line1", autoComplete: "address-line1", maxLength: 200, required: true }}
        onChange={(text) => set("line1", text)}
        onChoose={(place) => fill(place)}
      />
      <TextField label={t("account.line2")} autoComplete="address-line2" maxLength={200} {...bind("line2")} />
      <div className="grid-2">
        <TextField
          label={t("address.city")}
          autoComplete="address-level2"
          maxLength={100}
          required
          {...bind("city")}
        />
        <TextField
          label={t("account.postalCodeOptional")}
          autoComplete="postal-code"
          maxLength={20}
          {...bind("postalCode")}
        />
      </div>
      <TextField
        label={t("address.notes")}
        placeholder={t("account.notesPlaceholder")}
        maxLength={500}
        {...bind("notes")}
      />
      <LocationFields lat={bind("lat")} lng={bind("lng")} status={device.status} onLocate={device.locate} />
      {canChooseDefault ? (
        <label className="checkbox">
          <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
          {t("account.useAsDefault")}
        </label>
      ) : null}
      <FormError message={serverError} />
      <div className="row row--end">
        <button type="button" className="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("builder.saving") : t("account.saveAddress")}
        </button>
      </div>
    </form>
  );
}
