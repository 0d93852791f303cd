// The "Menu" tab, for head office (issue 22): the menu of the store's region as admins keep it — every
// item, topping, crust and sauce with its names, prices and whether the region offers it — an edit form
// (names in en/de/ja, category, on the menu or not), the region's prices now or from a date, a pizza's or
// crust's builder rules (menu-builder-rules.tsx), an item's option choices (menu-option-rules.tsx), and
// the change history; new toppings, crusts and sauces; cheese level and option prices
// (menu-extra-prices.tsx); the menu's pictures (menu-image-upload.tsx) and the region's deals (deals-panel.tsx).
// Customers' menus follow at once. Store managers who are not admins never see this tab.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { DealsPanel } from "./deals-panel.tsx";
import { MenuAvailabilitySwitch } from "./menu-availability-switch.tsx";
import { MenuBuilderRules } from "./menu-builder-rules.tsx";
import { MenuEntryTable } from "./menu-entry-table.tsx";
import { MenuExtraPrices } from "./menu-extra-prices.tsx";
import { MenuHistory } from "./menu-history.tsx";
import { MenuImageUpload } from "./menu-image-upload.tsx";
import { MenuIngredientEditor } from "./menu-ingredient-editor.tsx";
import { MenuItemEditor } from "./menu-item-editor.tsx";
import { MenuOptionRules } from "./menu-option-rules.tsx";
import { MenuPriceForm } from "./menu-price-form.tsx";

type Shown = "item" | "topping" | "crust" | "sauce";

/** Brings the editor below the long list into view once it has rendered. */
function showEditors() {
  requestAnimationFrame(() =>
    document.querySelector(".menu-admin > .panel-wide + *")?.scrollIntoView({ block: "start" }),
  );
}

export default function MenuAdminPanel({ storeId }: { storeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const menu = useQuery(trpc.menu.getMenu.queryOptions({ storeId }));
  const region = menu.data?.region;
  const catalogue = useQuery({
    ...trpc.menuAdmin.catalogue.queryOptions({ regionCode: region?.code ?? "" }),
    enabled: region !== undefined,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  /** What the "New …" form creates, if open. */
  const [creating, setCreating] = useState<Shown | null>(null);
  const [shown, setShown] = useState<Shown>("item");
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.menuAdmin.pathFilter());
    void queryClient.invalidateQueries(trpc.menu.getMenu.pathFilter());
  };
  const entries = catalogue.data?.entries ?? [];
  const entry = entries.find((e) => `${e.entity}|${e.id}` === chosen) ?? null;
  if (menu.error || catalogue.error)
    return (
      <div className="alert alert--error" role="alert">
        {errorMessage(menu.error ?? catalogue.error)}
      </div>
    );
  if (!region || !catalogue.data) return <p className="muted">Loading the menu…</p>;
  return (
    <div className="panel-grid menu-admin">
      <section className="card stack panel-wide" aria-labelledby="menu-admin-title">
        <h2 id="menu-admin-title">Menu ({region.code.toUpperCase()})</h2>
        <p className="muted small">
          Head office only. Names and items apply to every region; prices and availability to this region's
          stores. Customers' menus change at once; a price with a start date changes at that moment.
        </p>
        <div className="row">
          {(shown === "item" ? ["item"] : ["item", shown]).map((kind) => (
            <button
              key={kind}
              type="button"
              className="button"
              onClick={() => {
                setChosen(null);
                setCreating(kind as Shown);
                showEditors();
              }}
            >
              New {kind}
            </button>
          ))}
        </div>
        <label className="field">
          <span className="field__label">Show</span>
          <select className="input" value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
            <option value="item">Items (pizzas, sides, desserts, drinks)</option>
            <option value="topping">Toppings</option>
            <option value="crust">Crusts</option>
            <option value="sauce">Sauces</option>
          </select>
        </label>
        <MenuEntryTable
          entries={entries.filter((e) => e.entity === shown)}
          sizeOrder={catalogue.data.sizes.map((s) => s.id)}
          region={region}
          chosen={chosen}
          onChoose={(key) => {
            setCreating(null);
            setChosen(key);
            showEditors();
          }}
        />
      </section>
      {creating === "item" ? (
        <MenuItemEditor
          key="new"
          catalogue={catalogue.data}
          entry={null}
          onSaved={(id) => {
            setCreating(null);
            setChosen(`item|${id}`);
            refresh();
          }}
        />
      ) : creating ? (
        <MenuIngredientEditor
          key={`new-${creating}`}
          entry={null}
          entity={creating}
          onSaved={(id) => {
            // The new one is chosen, so its price form and availability switch show at once.
            setCreating(null);
            setChosen(`${creating}|${id}`);
            refresh();
          }}
        />
      ) : null}
      {entry ? (
        // Keyed by the entry: every form starts afresh (no draft or note of the last entry carried over).
        <Fragment key={chosen}>
          {entry.entity === "item" ? (
            <MenuItemEditor catalogue={catalogue.data} entry={entry} onSaved={refresh} />
          ) : (
            <MenuIngredientEditor entry={{ ...entry, entity: entry.entity }} onSaved={() => refresh()} />
          )}
          <MenuPriceForm entry={entry} region={region} catalogue={catalogue.data} onSaved={refresh} />
          <MenuBuilderRules entry={entry} catalogue={catalogue.data} onSaved={refresh} />
          {entry.entity === "item" ? <MenuOptionRules itemId={entry.id} onSaved={refresh} /> : null}
          <MenuAvailabilitySwitch entry={entry} regionCode={region.code} onSaved={refresh} />
          <MenuHistory entity={entry.entity} entityId={entry.id} region={region} />
        </Fragment>
      ) : null}
      <MenuExtraPrices catalogue={catalogue.data} region={region} onSaved={refresh} />
      <MenuImageUpload />
      {menu.data ? <DealsPanel menu={menu.data} /> : null}
    </div>
  );
}
