// The region's price of one item, topping, crust, cheese level or option (issue 22): per size or
// variant, at once or from a date and time (a scheduled price, shown to customers from that moment, and
// cancellable until then). The amount is read in the region's currency here; the server refuses the
// rest, each message under its field.
import { formatMoney } from "@pizza/contracts";
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { ScheduledPrices } from "./menu-scheduled-prices.tsx";
import { parseAmount } from "./money.ts";
import type { CatalogueEntry, Menu, MenuCatalogue } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

/** What is priced: a catalogue entry, or a cheese level or option shaped like one. */
export type PricedEntry = Pick<CatalogueEntry, "id" | "kind" | "variants" | "prices" | "scheduled"> & {
  entity: CatalogueEntry["entity"] | MenuCatalogue["extras"][number]["entity"];
  names: { en: string };
};

/** The variants an entry is priced in: its sizes (pizzas, toppings, crusts, cheese), its own variants, or one. */
function variantsOf(entry: PricedEntry, catalogue: MenuCatalogue): { id: string; name: string }[] {
  if (entry.entity === "option") return [{ id: "", name: "One size" }];
  if (entry.entity === "item" && entry.kind !== "pizza")
    return entry.variants.length > 0
      ? entry.variants.map((v) => ({ id: v.id, name: v.names.en || v.id }))
      : [{ id: "", name: "One size" }];
  const sizes = catalogue.sizes.map((s) => ({ id: s.id, name: s.name }));
  return entry.entity === "crust" && Object.keys(entry.prices).length > 0
    ? sizes.filter((s) => s.id in entry.prices)
    : sizes;
}

export function MenuPriceForm({
  entry,
  region,
  catalogue,
  onSaved,
  idPrefix = "menu-price",
}: {
  entry: PricedEntry;
  region: Menu["region"];
  catalogue: MenuCatalogue;
  onSaved(): void;
  /** Unique per form on the page (the entry's form and the cheese and option form show together). */
  idPrefix?: string;
}) {
  const trpc = useTRPC();
  const variants = variantsOf(entry, catalogue);
  const [variant, setVariant] = useState(variants[0]?.id ?? "");
  const [amount, setAmount] = useState("");
  const [from, setFrom] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [note, setNote] = useFormNote();
  const set = useMutation(
    trpc.menuAdmin.setPrice.mutationOptions({
      onSuccess: (r) => {
        const shown = formatMoney(r.amount, region.currency, region.currencyDigits);
        setNote({
          ok: true,
          text: r.from
            ? `Scheduled ${shown} from ${new Date(r.from).toLocaleString()}.`
            : `Price saved: ${shown}. Customers see it now.`,
        });
        setAmount("");
        onSaved();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const entity = entry.entity;
  if (entity === "sauce") return null;
  const errors = fieldErrors(set.error);
  const money = (minor: number) => formatMoney(minor, region.currency, region.currencyDigits);
  const now = entry.prices[variant];
  const title = `Price in ${region.code.toUpperCase()}: ${entry.names.en || entry.id}`;
  return (
    <section className="card stack" aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>{title}</h3>
      <form
        className="stack"
        noValidate
        aria-labelledby={`${idPrefix}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          const minor = parseAmount(amount, region.currencyDigits);
          setLocalError(
            minor === null ? `Enter the price in ${region.currency}, e.g. ${money(1299)}.` : null,
          );
          if (minor === null) return;
          const start = from ? new Date(from) : null;
          set.mutate({
            regionCode: region.code,
            entity,
            entityId: entry.id,
            variant,
            amount: minor,
            ...(start && !Number.isNaN(start.getTime()) ? { from: start.toISOString() } : {}),
          });
        }}
      >
        {variants.length > 1 ? (
          <label className="field">
            <span className="field__label">Size / variant</span>
            <select className="input" value={variant} onChange={(e) => setVariant(e.target.value)}>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
            {errors.variant ? <span className="field__error">{errors.variant}</span> : null}
          </label>
        ) : null}
        <TextField
          id={`${idPrefix}-amount`}
          label={`New price (${region.currency})${now !== undefined ? `, now ${money(now)}` : ", not sold here yet"}`}
          value={amount}
          onValue={setAmount}
          inputMode="decimal"
          error={localError ?? errors.amount}
        />
        <TextField
          id={`${idPrefix}-from`}
          label="From (optional; empty: at once)"
          type="datetime-local"
          value={from}
          onValue={setFrom}
          error={errors.from}
        />
        <button type="submit" className="button button--primary" disabled={set.isPending}>
          {from ? "Schedule price" : "Save price"}
        </button>
        <FormNote note={note} />
      </form>
      <ScheduledPrices scheduled={entry.scheduled} region={region} onCancelled={onSaved} />
    </section>
  );
}
