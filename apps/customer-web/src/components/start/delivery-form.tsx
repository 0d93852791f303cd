// The delivery half of the start page: where to deliver (a saved address or a typed one with a pin),
// and, when no store delivers there, the stores the customer could pick up from instead.
import type { LngLat } from "@pizza/ui/map";
import type { FormEvent } from "react";
import { useT } from "../../i18n/index.tsx";
import type { AddressProblem, DeliveryAddress } from "../../lib/use-delivery-address.ts";
import type { StoreInfo } from "../../order-state.ts";
import { NewAddressFields } from "./new-address-fields.tsx";

export interface Refusal {
  message: string;
  carryout: { id: string; name: string; distanceKm: number }[];
}

export function DeliveryForm({
  address,
  near,
  busy,
  refusal,
  problem,
  stores,
  onSubmit,
  onCarryout,
}: {
  address: DeliveryAddress;
  near: LngLat | null;
  busy: boolean;
  refusal: Refusal | null;
  problem: AddressProblem | null;
  stores: StoreInfo[] | undefined;
  onSubmit(event: FormEvent): void;
  onCarryout(store: StoreInfo): void;
}) {
  const t = useT();
  const typed = address.addressId === "new" || address.saved.length === 0;
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate>
      <h2>{t("start.deliverTo")}</h2>
      {address.saved.length > 0 ? <SavedAddresses address={address} /> : null}
      {typed ? <NewAddressFields address={address} near={near} problem={problem} /> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("start.findingStore") : t("start.findStore")}
      </button>
      {refusal ? <OutOfZone refusal={refusal} stores={stores} onCarryout={onCarryout} /> : null}
    </form>
  );
}

function SavedAddresses({ address }: { address: DeliveryAddress }) {
  const t = useT();
  return (
    <fieldset className="stack stack--tight address-choice">
      <legend className="field__label">{t("start.savedAddresses")}</legend>
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
        <span>{t("start.anotherAddress")}</span>
      </label>
    </fieldset>
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
  const t = useT();
  return (
    <div className="alert alert--error stack stack--tight" role="alert" data-testid="out-of-zone">
      <strong>{refusal.message}</strong>
      {refusal.carryout.length > 0 ? (
        <>
          <span>{t("start.pickUpInstead")}</span>
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
                  {t("start.carryoutFrom", { store: s.name, km: s.distanceKm })}
                </button>
              );
            })}
          </div>
        </>
      ) : null}
    </div>
  );
}
