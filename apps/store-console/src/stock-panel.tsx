// Menu & stock: mark an item, topping, crust or sauce out of stock ("86") and back.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Menu } from "./store-api-types.ts";

/** Everything a customer can order, with a button to 86 it or bring it back. */
export function StockPanel({ storeId, menu, onChanged }: { storeId: string; menu: Menu; onChanged(): void }) {
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const set = useMutation(
    trpc.store.setAvailability.mutationOptions({
      onSuccess: onChanged,
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const rows: {
    entity: "item" | "topping" | "crust" | "sauce";
    id: string;
    name: string;
    available: boolean;
  }[] = [
    ...menu.toppings.map((t) => ({
      entity: "topping" as const,
      id: t.id,
      name: t.name,
      available: t.available,
    })),
    ...menu.items.map((i) => ({ entity: "item" as const, id: i.id, name: i.name, available: i.available })),
    ...menu.crusts.map((c) => ({ entity: "crust" as const, id: c.id, name: c.name, available: c.available })),
    ...menu.sauces.map((c) => ({ entity: "sauce" as const, id: c.id, name: c.name, available: c.available })),
  ];
  const shown = rows.filter((r) => r.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const out = rows.filter((r) => !r.available);
  return (
    <section className="card stack" aria-labelledby="stock-title">
      <h2 id="stock-title">Menu &amp; stock</h2>
      <p className="muted small">
        Mark something out of stock ("86") and it disappears from customers' menus at once.{" "}
        {out.length > 0 ? `Out now: ${out.map((r) => r.name).join(", ")}.` : "Everything is in stock."}
      </p>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <label className="field">
        <span className="field__label">Find</span>
        <input
          className="input"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="e.g. mushrooms"
        />
      </label>
      <ul className="stock-list">
        {shown.map((r) => (
          <li key={`${r.entity}:${r.id}`} className={`stock-row ${r.available ? "" : "stock-row--out"}`}>
            <span>
              {r.name} <span className="muted small">{r.entity}</span>
            </span>
            <button
              type="button"
              className={`button button--small ${r.available ? "" : "button--primary"}`}
              data-testid={`stock-${r.entity}-${r.id}`}
              aria-pressed={!r.available}
              disabled={set.isPending}
              onClick={() => {
                setError(null);
                set.mutate({ storeId, entity: r.entity, entityId: r.id, available: !r.available });
              }}
            >
              {r.available ? `86 ${r.name}` : `Back in stock`}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
