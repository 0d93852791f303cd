// The region's price rule (admins in the Store & stock tab, the region's manager in their Price rule
// tab): how far a store manager may move a price from the region's list price (0–50 %, whole), and every
// store's own prices beside the list price with the deviation. A narrowed rule keeps the stores' prices
// and flags those now outside it; "Use list price" (admins) puts that store back on the region's price.
import { formatMoney } from "@pizza/contracts";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { prettyId } from "./kitchen-model.ts";
import type { Menu, RegionPriceRule } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

const RULE_WORDS = "The managers' price change is a whole percentage from 0 to 50.";

export function RegionPriceRulePanel({
  menu,
  onChanged,
  mayResetStores = true,
}: {
  menu: Menu;
  onChanged(): void;
  /** Admins put a store back on the list price; a region manager sees the flag only (no store's staff). */
  mayResetStores?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regionCode = menu.region.code;
  const rule = useQuery(trpc.store.regionPriceRule.queryOptions({ regionCode }));
  const [pct, setPct] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [note, setNote] = useFormNote();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.store.regionPriceRule.queryKey({ regionCode }) });
    void queryClient.invalidateQueries({ queryKey: trpc.store.storePrices.queryKey() });
    onChanged();
  };
  const save = useMutation(
    trpc.store.setRegionPriceRule.mutationOptions({
      onSuccess: (r) => {
        setPct("");
        setNote({
          ok: true,
          text: `Managers may now move prices by up to ${r.maxChangePct}%. ${
            r.outOfRangeCount === 0
              ? "Every store's price is within it."
              : `${r.outOfRangeCount} store price${r.outOfRangeCount === 1 ? " is" : "s are"} now outside it (kept, flagged below).`
          }`,
        });
        refresh();
      },
      onError: (e) => setFieldError(errorMessage(e)),
    }),
  );
  const reset = useMutation(
    trpc.store.setStorePrice.mutationOptions({
      onSuccess: () => {
        setNote({ ok: true, text: "That store is back on the region's price." });
        refresh();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const r = rule.data;
  const itemName = (id: string) => menu.items.find((i) => i.id === id)?.name ?? prettyId(id);
  const variantName = (itemId: string, v: string) =>
    menu.items.find((i) => i.id === itemId)?.variants.find((x) => x.id === v)?.name ?? prettyId(v);
  const fmt = (n: number) => (r ? formatMoney(n, r.currency, r.currencyDigits) : String(n));
  return (
    <section className="card stack panel-wide" aria-labelledby="price-rule-title">
      <h2 id="price-rule-title">Price rule ({regionCode.toUpperCase()})</h2>
      {r ? (
        <p className="small" data-testid="price-rule-now">
          Store managers may set prices within <strong>{r.maxChangePct}%</strong> of the region's list price.
          {r.updatedAt
            ? ` Changed ${new Date(r.updatedAt).toLocaleString()}${r.updatedBy ? ` by ${r.updatedBy}` : ""}.`
            : ""}
        </p>
      ) : null}
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          const text = pct.trim();
          if (!/^\d{1,3}$/.test(text) || Number(text) > 50) return setFieldError(RULE_WORDS);
          setFieldError(null);
          save.mutate({ regionCode, maxChangePct: Number(text) });
        }}
      >
        <TextField
          id="price-rule-pct"
          label="Managers may change prices by up to (%)"
          inputMode="numeric"
          value={pct}
          error={fieldError}
          onValue={setPct}
          required
        />
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save rule
        </button>
      </form>
      <FormNote note={note} />
      {r ? (
        <DeviationTable
          rule={r}
          names={{ itemName, variantName }}
          fmt={fmt}
          busy={reset.isPending}
          onReset={
            mayResetStores
              ? (d) =>
                  reset.mutate({
                    storeId: d.storeId,
                    entity: d.entity,
                    entityId: d.entityId,
                    variant: d.variant,
                    amount: null,
                  })
              : null
          }
        />
      ) : null}
    </section>
  );
}

type Rule = RegionPriceRule;
type Deviation = Rule["deviations"][number];

function DeviationTable({
  rule,
  names,
  fmt,
  busy,
  onReset,
}: {
  rule: Rule;
  names: { itemName(id: string): string; variantName(itemId: string, v: string): string };
  fmt(n: number): string;
  busy: boolean;
  onReset: ((d: Deviation) => void) | null;
}) {
  if (rule.deviations.length === 0)
    return <p className="muted small">Every store of the region charges the list prices.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
    <section className="table-wrap" aria-label="Store prices against the list price" tabIndex={0}>
      <table className="table" data-testid="price-deviations">
        <thead>
          <tr>
            <th scope="col">Store</th>
            <th scope="col">Item</th>
            <th scope="col">Variant</th>
            <th scope="col">List</th>
            <th scope="col">Store price</th>
            <th scope="col">±%</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {rule.deviations.map((d) => (
            <tr
              key={`${d.storeId}|${d.entity}|${d.entityId}|${d.variant}`}
              data-out-of-range={d.outOfRange}
              data-testid="price-deviation"
            >
              <td>{d.storeName}</td>
              <td>
                {d.entity === "item" ? names.itemName(d.entityId) : `${d.entity}: ${prettyId(d.entityId)}`}
              </td>
              <td>{d.variant ? names.variantName(d.entityId, d.variant) : "—"}</td>
              <td>{fmt(d.listAmount)}</td>
              <td>{fmt(d.storeAmount)}</td>
              <td>{`${d.deviationPct > 0 ? "+" : ""}${d.deviationPct}%`}</td>
              <td>
                {d.outOfRange ? (
                  <span className="row">
                    <span className="badge badge--off">Outside ±{rule.maxChangePct}%</span>
                    {onReset ? (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy}
                        onClick={() => onReset(d)}
                      >
                        Use list price
                        <span className="visually-hidden">
                          {" "}
                          at {d.storeName} for {names.itemName(d.entityId)}
                        </span>
                      </button>
                    ) : null}
                  </span>
                ) : (
                  <span className="badge badge--ok">Within</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
