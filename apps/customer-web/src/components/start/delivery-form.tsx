// The delivery half of the start page: where to deliver (a saved address or a typed one with a pin),
// and, when no store delivers there, the stores the customer could pick up from instead.

import type { DeliveryAddress } from "../../lib/use-delivery-address.ts";
import type { StoreInfo } from "../../order-state.ts";

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
  onSubmit(event: React.FormEvent): void;
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
  const { fields, setField } = address;
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span className="field__label">Street and number</span>
        <input
          className="input"
          name="line1"
          autoComplete="address-line1"
          value={fields.line1}
          onChange={(e) => setField("line1", e.target.value)}
        />
      </label>
      <div className="grid-2">
        <label className="field">
          <span className="field__label">City</span>
          <input
            className="input"
            name="city"
            autoComplete="address-level2"
            value={fields.city}
            onChange={(e) => setField("city", e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Postal code</span>
          <input
            className="input"
            name="postalCode"
            autoComplete="postal-code"
            value={fields.postalCode}
            onChange={(e) => setField("postalCode", e.target.value)}
          />
        </label>
      </div>
      <label className="field">
        <span className="field__label">Notes for the driver (optional)</span>
        <input
          className="input"
          name="notes"
          value={fields.notes}
          onChange={(e) => setField("notes", e.target.value)}
        />
      </label>
      <p className="small muted">
        Tap the map to drop a pin where we should deliver, use your location, or type the coordinates.
      </p>
      <div className="grid-2">
        <label className="field">
          <span className="field__label">Latitude</span>
          <input
            className="input"
            name="lat"
            inputMode="decimal"
            value={fields.lat}
            onChange={(e) => setField("lat", e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Longitude</span>
          <input
            className="input"
            name="lng"
            inputMode="decimal"
            value={fields.lng}
            onChange={(e) => setField("lng", e.target.value)}
          />
        </label>
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
