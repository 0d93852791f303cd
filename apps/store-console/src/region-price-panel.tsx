// The region's prices, for admins: a change applies to every store of the region.
import { formatMoney, toMinor } from "@pizza/contracts";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { ItemVariantPicker } from "./item-variant-picker.tsx";
import type { Menu } from "./store-api-types.ts";

/** A region price for one item and variant, in the region's currency (admins only). */
export function RegionPricePanel({ menu, onChanged }: { menu: Menu; onChanged(): void }) {
  const trpc = useTRPC();
  const [itemId, setItemId] = useState(menu.items[0]?.id ?? "");
  const item = menu.items.find((i) => i.id === itemId);
  const [variant, setVariant] = useState(item?.variants[0]?.id ?? "");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useFormNote();
  const current = item?.variants.find((v) => v.id === variant)?.price;
  const set = useMutation(
    trpc.store.setPrice.mutationOptions({
      onSuccess: () => {
        setNote({ ok: true, text: "Price saved for the whole region." });
        onChanged();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  return (
    <section className="card stack" aria-labelledby="price-title">
      <h2 id="price-title">Prices ({menu.region.code.toUpperCase()})</h2>
      <p className="muted small">
        Prices belong to the region ({menu.region.currency}, tax{" "}
        {menu.region.taxMode === "inclusive" ? "included" : "added at checkout"}): a change applies to every
        store of the region. Admins only.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const minor = toMinor(amount, menu.region.currencyDigits);
          if (minor === undefined || minor < 0) {
            setNote({ ok: false, text: "Enter a price, e.g. 12.99." });
            return;
          }
          setNote(null);
          set.mutate({
            regionCode: menu.region.code,
            entity: "item",
            entityId: itemId,
            variant,
            amount: minor,
          });
        }}
      >
        <ItemVariantPicker
          menu={menu}
          itemId={itemId}
          variant={variant}
          onChange={(nextItem, nextVariant) => {
            setItemId(nextItem);
            setVariant(nextVariant);
          }}
        />
        <label className="field">
          <span className="field__label">
            New price
            {current !== undefined
              ? ` (now ${formatMoney(current, menu.region.currency, menu.region.currencyDigits)})`
              : ""}
          </span>
          <input
            className="input"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="button button--primary" disabled={set.isPending}>
          Save price
        </button>
        <FormNote note={note} />
      </form>
    </section>
  );
}
