// Where a saved address is on the map: its coordinates, typed or taken from the device.
import { TextField } from "@pizza/ui";
import type { ChangeEvent } from "react";
import { useT } from "../../i18n/index.tsx";

interface Bound {
  name: string;
  value: string;
  error: string | undefined;
  onChange(e: ChangeEvent<HTMLInputElement>): void;
}

export function LocationFields({
  lat,
  lng,
  status,
  onLocate,
}: {
  lat: Bound;
  lng: Bound;
  /** What the device lookup is doing or why it failed; empty when idle. */
  status: string;
  onLocate(): void;
}) {
  const t = useT();
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">{t("account.locationOnMap")}</legend>
      <div className="grid-2 grid-2--short">
        <TextField
          label={t("address.latitude")}
          inputMode="decimal"
          placeholder="40.7128"
          required
          {...lat}
        />
        <TextField
          label={t("address.longitude")}
          inputMode="decimal"
          placeholder="-74.0060"
          required
          {...lng}
        />
      </div>
      <div className="row">
        <button type="button" className="button button--small" onClick={onLocate}>
          {t("account.useCurrentLocation")}
        </button>
        {status ? (
          <span className="small muted" role="status">
            {status}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}
