// The promo codes as a table: code, discount with its conditions, uses, state, and pause/resume and
// the redemptions of each.
import { money } from "./money.ts";
import { PROMO_REGIONS } from "./promo-form.ts";
import type { PromoRow } from "./store-api-types.ts";

export function PromoTable({
  promos,
  open,
  toggling,
  onToggle,
  onOpen,
}: {
  promos: PromoRow[];
  /** The promo whose redemptions are shown. */
  open: string | null;
  toggling: boolean;
  onToggle(promoId: string, active: boolean): void;
  onOpen(promoId: string | null): void;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="promos">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Discount</th>
            <th scope="col">Used</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {promos.map((p) => (
            <tr key={p.id}>
              <td>
                <strong>{p.code}</strong>
                {p.regionCode ? <span className="muted small"> {p.regionCode.toUpperCase()}</span> : null}
              </td>
              <td>
                {p.kind === "percent"
                  ? `${p.percent}%`
                  : p.kind === "fixed" && p.amount !== null && p.currency
                    ? money(p.amount, p.currency)
                    : p.kind.replace(/_/g, " ")}
                {promoConditions(p) ? <span className="muted small"> · {promoConditions(p)}</span> : null}
              </td>
              <td>
                {p.usedCount}
                {p.usageLimit ? ` / ${p.usageLimit}` : ""}
              </td>
              <td>
                <span className={`badge ${p.active ? "badge--ok" : "badge--off"}`}>
                  {p.active ? "Active" : "Paused"}
                </span>
              </td>
              <td className="row">
                <button
                  type="button"
                  className="button button--small"
                  disabled={toggling}
                  onClick={() => onToggle(p.id, !p.active)}
                >
                  {p.active ? "Pause" : "Resume"}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-expanded={open === p.id}
                  onClick={() => onOpen(open === p.id ? null : p.id)}
                >
                  Redemptions
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function promoConditions(p: {
  minSubtotal: number;
  maxDiscount: number | null;
  regionCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  perCustomerLimit: number | null;
  firstOrderOnly: boolean;
}): string {
  const currency = PROMO_REGIONS.find((r) => r.code === p.regionCode)?.currency;
  const parts: string[] = [];
  if (p.minSubtotal > 0 && currency) parts.push(`min ${money(p.minSubtotal, currency)}`);
  if (p.maxDiscount && currency) parts.push(`up to ${money(p.maxDiscount, currency)}`);
  if (p.validFrom) parts.push(`from ${new Date(p.validFrom).toLocaleDateString()}`);
  if (p.validTo) parts.push(`until ${new Date(p.validTo).toLocaleDateString()}`);
  if (p.perCustomerLimit) parts.push(`${p.perCustomerLimit}× per customer`);
  if (p.firstOrderOnly) parts.push("first order only");
  return parts.join(", ");
}
