// The region's menu as a table for the Menu tab (issue 22): each item, topping, crust and sauce with its
// English name (German and Japanese beneath), its prices in force now, and whether the region offers it.
import { formatMoney } from "@pizza/contracts";
import type { CatalogueEntry, Menu } from "./store-api-types.ts";

const KINDS = { item: "Item", topping: "Topping", crust: "Crust", sauce: "Sauce" } as const;

/** Prices in the order the sizes (or the item's variants) come, not alphabetically. */
function orderedPrices(e: CatalogueEntry, sizeOrder: string[]): [string, number][] {
  const order = e.variants.length > 0 ? e.variants.map((v) => v.id) : sizeOrder;
  const rank = (variant: string) => (order.includes(variant) ? order.indexOf(variant) : order.length);
  return Object.entries(e.prices).sort(([a], [b]) => rank(a) - rank(b));
}

export function MenuEntryTable({
  entries,
  sizeOrder,
  region,
  chosen,
  onChoose,
}: {
  entries: CatalogueEntry[];
  sizeOrder: string[];
  region: Menu["region"];
  chosen: string | null;
  onChoose(key: string): void;
}) {
  const price = (amount: number) => formatMoney(amount, region.currency, region.currencyDigits);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="menu-entries">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Prices now</th>
            <th scope="col">In {region.code.toUpperCase()}</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const key = `${e.entity}|${e.id}`;
            const prices = orderedPrices(e, sizeOrder);
            return (
              <tr key={key} aria-current={chosen === key ? "true" : undefined}>
                <td>
                  <strong>{e.names.en || e.id}</strong>
                  <br />
                  <span className="muted small">{[e.names.de, e.names.ja].filter(Boolean).join(" · ")}</span>
                </td>
                <td>
                  {KINDS[e.entity]}
                  {e.entity === "item" ? ` (${e.kind})` : ""}
                  {e.active ? "" : ", off the menu"}
                </td>
                <td className="small">
                  {e.entity === "sauce"
                    ? "included"
                    : prices.length === 0
                      ? "not sold here"
                      : prices
                          .map(([variant, amount]) => `${variant || "one size"} ${price(amount)}`)
                          .join(", ")}
                  {e.scheduled.length > 0 ? ` (${e.scheduled.length} scheduled)` : ""}
                </td>
                <td>{e.available ? "offered" : "not offered"}</td>
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Edit ${e.names.en || e.id}`}
                    onClick={() => onChoose(key)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
