// This store's own prices, set by its manager within the region's price ± the allowed percentage.
import { formatMoney } from "@pizza/contracts";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { ItemVariantPicker } from "./item-variant-picker.tsx";
import { parseAmount } from "./money.ts";
import type { Menu } from "./store-api-types.ts";

/**
 * The store's own prices, for its manager (and admins): within the region's list price ± its
 * percentage, shown beside the field; "Use the region's price" removes the store's own price.
 */
export function StorePricePanel({
  storeId,
  menu,
  onChanged,
}: {
  storeId: string;
  menu: Menu;
  onChanged(): void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.store.storePrices.queryOptions({ storeId }));
  const [itemId, setItemId] = useState(menu.items[0]?.id ?? "");
  const item = menu.items.find((i) => i.id === itemId);
  const [variant, setVariant] = useState(item?.variants[0]?.id ?? "");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useFormNote();
  const set = useMutation(
    trpc.store.setStorePrice.mutationOptions({
      onSuccess: (r) => {
        setNote({
          ok: true,
          text:
            r.storeAmount === null
              ? `Back to the region's price, ${formatMoney(r.listAmount, menu.region.currency, menu.region.currencyDigits)}.`
              : `Saved: ${formatMoney(r.storeAmount, menu.region.currency, menu.region.currencyDigits)} at this store.`,
        });
        setAmount("");
        void queryClient.invalidateQueries({ queryKey: trpc.store.storePrices.queryKey({ storeId }) });
        onChanged();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const r = rules.data;
  if (!r?.canEdit) return null;
  const row = r.prices.find((p) => p.entity === "item" && p.entityId === itemId && p.variant === variant);
  const fmt = (n: number) => formatMoney(n, r.currency, r.currencyDigits);
  return (
    <section className="card stack" aria-labelledby="store-price-title">
      <h2 id="store-price-title">This store's prices</h2>
      <p className="muted small">
        A manager may set this store's price within {r.maxChangePct}% of the region's price ({r.currency});
        the customers' menu and their next quote use it at once.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const minor = parseAmount(amount, r.currencyDigits);
          if (minor === null) {
            setNote({
              ok: false,
              text:
                r.currencyDigits === 0
                  ? `Enter a whole amount in ${r.currency}, e.g. 1500.`
                  : `Enter a price in ${r.currency}, e.g. 12.99.`,
            });
            return;
          }
          setNote(null);
          set.mutate({ storeId, entity: "item", entityId: itemId, variant, amount: minor });
        }}
      >
        <ItemVariantPicker
          menu={menu}
          itemId={itemId}
          variant={variant}
          onChange={(nextItem, nextVariant) => {
            setItemId(nextItem);
            setVariant(nextVariant);
            setNote(null);
          }}
        />
        {row ? (
          <p className="small" data-testid="store-price-range" id="store-price-range">
            Region's price {fmt(row.listAmount)} · this store{" "}
            {row.storeAmount === null ? "uses it" : `charges ${fmt(row.storeAmount)}`} · allowed{" "}
            {fmt(row.min)}–{fmt(row.max)}
          </p>
        ) : null}
        <label className="field">
          <span className="field__label">Store price</span>
          <input
            className="input"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-describedby={row ? "store-price-range" : undefined}
            required
          />
        </label>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={set.isPending || !row}>
            Save store price
          </button>
          {row && row.storeAmount !== null ? (
            <button
              type="button"
              className="button"
              disabled={set.isPending}
              onClick={() => {
                setNote(null);
                set.mutate({ storeId, entity: "item", entityId: itemId, variant, amount: null });
              }}
            >
              Use the region's price
            </button>
          ) : null}
        </div>
        <FormNote note={note} />
      </form>
    </section>
  );
}
