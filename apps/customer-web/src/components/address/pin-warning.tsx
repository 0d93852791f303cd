// The pin on the map is far from the chosen address: say how far, and let the customer keep the pin
// (the driver goes to the pin) or put it back on the address.
import type { PinCheck } from "../../api-types.ts";

export function PinWarning({
  warning,
  onKeep,
  onMoveBack,
}: {
  warning: PinCheck;
  onKeep(): void;
  onMoveBack(): void;
}) {
  return (
    <div className="alert alert--info stack stack--tight" role="status" data-testid="pin-warning">
      <span>{warning.message}</span>
      {warning.atPin ? <span className="small">At the pin: {warning.atPin.label}</span> : null}
      <div className="row">
        <button type="button" className="button button--small" onClick={onKeep}>
          Keep the pin here
        </button>
        <button type="button" className="button button--small" onClick={onMoveBack}>
          Move the pin to the address
        </button>
      </div>
    </div>
  );
}
