// One saved delivery address in the account: what it says, and edit / make default / remove.
import type { Address } from "../../api-types.ts";

export function SavedAddress({
  address: a,
  disabled,
  onEdit,
  onMakeDefault,
  onRemove,
}: {
  address: Address;
  disabled: boolean;
  onEdit(): void;
  onMakeDefault(): void;
  onRemove(): void;
}) {
  return (
    <li className="address" data-testid="address">
      <div className="address__text">
        <p className="address__label">
          <strong>{a.label}</strong>
          {a.isDefault ? <span className="badge badge--success">Default</span> : null}
        </p>
        <p>
          {a.line1}
          {a.line2 ? `, ${a.line2}` : ""}
        </p>
        <p>{[a.postalCode, a.city].filter(Boolean).join(" ")}</p>
        {a.notes ? <p className="small muted">“{a.notes}”</p> : null}
        <p className="small muted">
          {a.lat.toFixed(5)}, {a.lng.toFixed(5)}
        </p>
      </div>
      <div className="address__actions">
        <button type="button" className="button button--small" disabled={disabled} onClick={onEdit}>
          Edit
          <span className="visually-hidden"> {a.label}</span>
        </button>
        {!a.isDefault ? (
          <button type="button" className="button button--small" disabled={disabled} onClick={onMakeDefault}>
            Make default<span className="visually-hidden">: {a.label}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small button--danger"
          disabled={disabled}
          onClick={onRemove}
        >
          Remove
          <span className="visually-hidden"> {a.label}</span>
        </button>
      </div>
    </li>
  );
}
