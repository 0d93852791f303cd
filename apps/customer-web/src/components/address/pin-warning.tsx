// The pin on the map is far from the chosen address: say how far, and let the customer keep the pin
// (the driver goes to the pin) or put it back on the address.
import type { PinCheck } from "../../api-types.ts";
import { useT } from "../../i18n/index.tsx";

export function PinWarning({
  warning,
  onKeep,
  onMoveBack,
}: {
  warning: PinCheck;
  onKeep(): void;
  onMoveBack(): void;
}) {
  const t = useT();
  return (
    <div className="alert alert--info stack stack--tight" role="status" data-testid="pin-warning">
      <span>{warning.message}</span>
      {warning.atPin ? (
        <span className="small">{t("address.atPin", { place: warning.atPin.label })}</span>
      ) : null}
      <div className="row">
        <button type="button" className="button button--small" onClick={onKeep}>
          {t("address.keepPin")}
        </button>
        <button type="button" className="button button--small" onClick={onMoveBack}>
          {t("address.movePin")}
        </button>
      </div>
    </div>
  );
}
