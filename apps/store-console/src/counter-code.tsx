// Handing a carryout order over at the counter against the customer's 4-digit code (issue 20): asked
// when the server says the order needs it (or the code given was wrong); the customer sees the code on
// their order page. Five wrong codes lock it until a manager confirms (Drivers → the order's delivery,
// or `order.confirmHandover`).
import { useId, useState } from "react";

export function CounterCode({
  orderNumber,
  busy,
  onSubmit,
  onCancel,
}: {
  orderNumber: number;
  busy: boolean;
  onSubmit: (code: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [code, setCode] = useState("");
  return (
    <form
      className="card stack stack--tight"
      data-testid="counter-code"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(code);
      }}
    >
      <label className="field" htmlFor={id}>
        <span className="field__label">Order {orderNumber}: the customer's handover code (4 digits)</span>
        <input
          id={id}
          className="input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
        />
      </label>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy || code.length !== 4}>
          Hand over
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
