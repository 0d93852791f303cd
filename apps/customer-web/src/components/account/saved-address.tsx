// One saved delivery address in the account: what it says, and edit / make default / remove.
import type { Address } from "../../api-types.ts";
import { useT } from "../../i18n/index.tsx";

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
  const t = useT();
  return (
    <li className="address" data-testid="address">
      <div className="address__text">
        <p className="address__label">
          <strong>{a.label}</strong>
          {a.isDefault ? <span className="badge badge--success">{t("account.default")}</span> : null}
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
          {t("common.edit")}
          <span className="visually-hidden"> {a.label}</span>
        </button>
        {!a.isDefault ? (
          <button type="button" className="button button--small" disabled={disabled} onClick={onMakeDefault}>
            {t("account.makeDefault")}
            <span className="visually-hidden">: {a.label}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small button--danger"
          disabled={disabled}
          onClick={onRemove}
        >
          {t("common.remove")}
          <span className="visually-hidden"> {a.label}</span>
        </button>
      </div>
    </li>
  );
}
