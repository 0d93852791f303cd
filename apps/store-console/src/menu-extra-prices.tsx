// Prices of cheese levels and item options in the Menu tab (issue 22): they have no names or
// availability to edit here, only the region's price (a cheese level per size, an option once), so one
// card picks one of them and shows the same price form as items, with its scheduled prices.
import { Fragment, useState } from "react";
import { MenuHistory } from "./menu-history.tsx";
import { MenuPriceForm } from "./menu-price-form.tsx";
import type { Menu, MenuCatalogue } from "./store-api-types.ts";

export function MenuExtraPrices({
  catalogue,
  region,
  onSaved,
}: {
  catalogue: MenuCatalogue;
  region: Menu["region"];
  onSaved(): void;
}) {
  const [chosen, setChosen] = useState("");
  const itemName = (id: string | null) =>
    catalogue.entries.find((e) => e.entity === "item" && e.id === id)?.names.en ?? id;
  const labelOf = (x: MenuCatalogue["extras"][number]) =>
    x.entity === "cheese" ? `Cheese: ${x.name}` : `${itemName(x.itemId)}: ${x.name}`;
  const extra = catalogue.extras.find((x) => `${x.entity}|${x.id}` === chosen);
  return (
    <section className="card stack" aria-labelledby="menu-extras-title">
      <h3 id="menu-extras-title">Cheese and option prices</h3>
      <label className="field">
        <span className="field__label">Price of</span>
        <select className="input" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose a cheese level or an option</option>
          {catalogue.extras.map((x) => (
            <option key={`${x.entity}|${x.id}`} value={`${x.entity}|${x.id}`}>
              {labelOf(x)}
            </option>
          ))}
        </select>
      </label>
      {extra ? (
        <Fragment key={chosen}>
          <MenuPriceForm
            idPrefix="extra-price"
            entry={{ ...extra, kind: extra.entity, variants: [], names: { en: labelOf(extra) } }}
            region={region}
            catalogue={catalogue}
            onSaved={onSaved}
          />
          {/* A cheese level's price changes are its own history; an option's are its item's. */}
          {extra.entity === "cheese" ? (
            <MenuHistory entity="cheese" entityId={extra.id} region={region} idPrefix="extra-history" />
          ) : null}
        </Fragment>
      ) : null}
    </section>
  );
}
