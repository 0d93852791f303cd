// The delivery half of the start page: where to deliver (a saved address or a typed one with a pin),
// and, when no store delivers there, the stores the customer could pick up from instead.
import type { FormEvent, InputHTMLAttributes } from "react";
import type { AddressFields, DeliveryAddress } from "../../lib/use-delivery-address.ts";
import type { StoreInfo } from "../../order-state.ts";

type InputProps = Pick<InputHTMLAttributes<HTMLInputElement>, "autoComplete" | "inputMode">;

export interface Refusal {
  message: string;
  carryout: { id: string; name: string; distanceKm: number }[];
}

export function DeliveryForm({
  address,
  busy,
  refusal,
  stores,
  onSubmit,
  onLocate,
  onCarryout,
}: {
  address: DeliveryAddress;
  busy: boolean;
  refusal: Refusal | null;
  stores: StoreInfo[] | undefined;
  onSubmit(event: FormEvent): void;
  onLocate(): void;
  onCarryout(store: StoreInfo): void;
}) {
  const typed = address.addressId === "new" || address.saved.length === 0;
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate>
      <h2>Deliver to</h2>
      {address.saved.length > 0 ? <SavedAddresses address={address} /> : null}
      {typed ? <NewAddressFields address={address} onLocate={onLocate} /> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? "Finding your store…" : "Find my store and see the menu"}
      </button>
      {refusal ? <OutOfZone refusal={refusal} stores={stores} onCarryout={onCarryout} /> : null}
    </form>
  );
}

function SavedAddresses({ address }: { address: DeliveryAddress }) {
  return (
    <fieldset className="stack stack--tight address-choice">
      <legend className="field__label">Saved addresses</legend>
      {address.saved.map((a) => (
        <label key={a.id} className="checkbox">
          <input
            type="radio"
            name="address"
            checked={address.addressId === a.id}
            onChange={() => address.setAddressId(a.id)}
          />
          <span>
            <strong>{a.label}</strong> · {a.line1}, {a.city}
          </span>
        </label>
      ))}
      <label className="checkbox">
        <input
          type="radio"
          name="address"
          checked={address.addressId === "new"}
          onChange={() => address.setAddressId("new")}
        />
        <span>Another address</span>
      </label>
    </fieldset>
  );
}

function NewAddressFields({ address, onLocate }: { address: DeliveryAddress; onLocate(): void }) {
  const field = (name: keyof AddressFields, label: string, extra: Partial<InputProps> = {}) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="input"
        name={name}
        {...extra}
        value={address.fields[name]}
        onChange={(e) => address.setField(name, e.target.value)}
      />
    </label>
  );
  return (
    <div className="stack stack--tight">
      {field("line1", "Street and number", { autoComplete: "address-line1" })}
      <div className="grid-2">
        {field("city", "City", { autoComplete: "address-level2" })}
        {field("postalCode", "Postal code", { autoComplete: "postal-code" })}
      </div>
      {field("notes", "Notes for the driver (optional)")}
      <p className="small muted">
        Tap the map to drop a pin where we should deliver, use your location, or type the coordinates.
      </p>
      <div className="grid-2">
        {field("lat", "Latitude", { inputMode: "decimal" })}
        {field("lng", "Longitude", { inputMode: "decimal" })}
      </div>
      <div>
        <button type="button" className="button button--small" onClick={onLocate}>
          Use my location
        </button>
      </div>
    </div>
  );
}

/** No store delivers to the pin: say so, and offer carryout from the nearest stores. */
function OutOfZone({
  refusal,
  stores,
  onCarryout,
}: {
  refusal: Refusal;
  stores: StoreInfo[] | undefined;
  onCarryout(store: StoreInfo): void;
}) {
  return (
    <div className="alert alert--error stack stack--tight" role="alert" data-testid="out-of-zone">
      <strong>{refusal.message}</strong>
      {refusal.carryout.length > 0 ? (
        <>
          <span>Pick it up yourself instead:</span>
          <div className="row">
            {refusal.carryout.map((s) => {
              const full = stores?.find((x) => x.id === s.id);
              return (
                <button
                  key={s.id}
                  type="button"
                  className="button button--small"
                  onClick={() => full && onCarryout(full)}
                  disabled={!full}
                >
                  Carryout from {s.name} ({s.distanceKm} km)
                </button>
              );
            })}
          </div>
        </>
      ) : null}
    </div>
  );
}
