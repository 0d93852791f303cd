// The typed delivery address on the start page: the street with suggestions, city, postcode, notes, and
// the pin (map, device location or coordinates), with what is wrong shown next to the part it is about.
import type { LngLat } from "@pizza/ui/map";
import type { InputHTMLAttributes } from "react";
import { type MessageKey, useT } from "../../i18n/index.tsx";
import type { AddressFields, AddressProblem, DeliveryAddress } from "../../lib/use-delivery-address.ts";
import { useDevicePlace } from "../../lib/use-device-place.ts";
import { usePinCheck } from "../../lib/use-pin-check.ts";
import { ADDRESS_PROBLEM_ID } from "../../lib/use-start-order.ts";
import { AddressSearch } from "../address/address-search.tsx";
import { PinWarning } from "../address/pin-warning.tsx";

type InputProps = Pick<InputHTMLAttributes<HTMLInputElement>, "autoComplete" | "inputMode">;

export function NewAddressFields({
  address,
  near,
  problem,
}: {
  address: DeliveryAddress;
  /** Where to look first for suggestions before there is a pin: the chosen area. */
  near: LngLat | null;
  problem: AddressProblem | null;
}) {
  const t = useT();
  const { warning, keep } = usePinCheck(address.chosen, address.pin);
  const device = useDevicePlace((at, place) => (place ? address.choosePlace(place, at) : address.setPin(at)));
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
      <AddressSearch
        label={t("address.street")}
        value={address.fields.line1}
        near={address.pin ?? near}
        input={{ name: "line1", autoComplete: "address-line1" }}
        onChange={(text) => address.setField("line1", text)}
        onChoose={(place) => address.choosePlace(place)}
      />
      <div className="grid-2">
        {field("city", t("address.city"), { autoComplete: "address-level2" })}
        {field("postalCode", t("address.postalCode"), { autoComplete: "postal-code" })}
      </div>
      {problem?.about === "street" ? <ProblemMessage message={problem.message} /> : null}
      {field("notes", t("address.notes"))}
      <p className="small muted">{t("address.pinHelp")}</p>
      <div className="grid-2">
        {field("lat", t("address.latitude"), { inputMode: "decimal" })}
        {field("lng", t("address.longitude"), { inputMode: "decimal" })}
      </div>
      <div className="row">
        <button type="button" className="button button--small" onClick={device.locate}>
          {t("address.useLocation")}
        </button>
        {device.status ? (
          <span className="small muted" role="status">
            {device.status}
          </span>
        ) : null}
      </div>
      {problem?.about === "pin" ? <ProblemMessage message={problem.message} /> : null}
      {warning ? <PinWarning warning={warning} onKeep={keep} onMoveBack={address.pinToChosen} /> : null}
    </div>
  );
}

/** Focused when the form is sent (see useStartOrder), so it scrolls into view and is read out. */
function ProblemMessage({ message }: { message: MessageKey }) {
  const t = useT();
  return (
    <p id={ADDRESS_PROBLEM_ID} className="alert alert--error" role="alert" tabIndex={-1}>
      {t(message)}
    </p>
  );
}
