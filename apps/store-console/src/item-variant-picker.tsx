// Picks a menu item and its size/variant, for the price forms.
import type { Menu } from "./store-api-types.ts";

/** A menu item and, when it has several, its size/variant (a new item starts at its first variant). */
export function ItemVariantPicker({
  menu,
  itemId,
  variant,
  onChange,
}: {
  menu: Menu;
  itemId: string;
  variant: string;
  onChange(itemId: string, variant: string): void;
}) {
  const item = menu.items.find((i) => i.id === itemId);
  return (
    <>
      <label className="field">
        <span className="field__label">Item</span>
        <select
          className="input"
          value={itemId}
          onChange={(e) =>
            onChange(e.target.value, menu.items.find((i) => i.id === e.target.value)?.variants[0]?.id ?? "")
          }
        >
          {menu.items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      {item && item.variants.length > 1 ? (
        <label className="field">
          <span className="field__label">Size / variant</span>
          <select className="input" value={variant} onChange={(e) => onChange(itemId, e.target.value)}>
            {item.variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
