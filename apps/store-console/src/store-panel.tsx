import type { AppRouter } from "@pizza/api/router";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { money } from "./kitchen-model.ts";
import { toMinor } from "./promo-form.ts";

type Store = inferRouterOutputs<AppRouter>["store"]["get"];
type Menu = inferRouterOutputs<AppRouter>["menu"]["getMenu"];

/** Open/close, pause delivery, today's hours; menu & stock ("86"); prices for admins. */
export function StorePanel({ storeId, isAdmin }: { storeId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useQuery(trpc.store.get.queryOptions({ storeId }));
  const menu = useQuery({ ...trpc.menu.getMenu.queryOptions({ storeId }), staleTime: 0 });
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.store.get.queryKey({ storeId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.menu.getMenu.queryKey({ storeId }) });
  };
  const onError = (e: unknown) => setError(errorMessage(e));
  const accepting = useMutation(
    trpc.store.setAcceptingOrders.mutationOptions({ onSuccess: refresh, onError }),
  );
  const paused = useMutation(trpc.store.setDeliveryPaused.mutationOptions({ onSuccess: refresh, onError }));

  const s = store.data;
  return (
    <div className="panel-grid">
      <section className="card stack" aria-labelledby="store-status">
        <h2 id="store-status">Store</h2>
        {error ? (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        ) : null}
        {s ? (
          <>
            <StoreStatus store={s} />
            <div className="row">
              <button
                type="button"
                className={`button ${s.acceptingOrders ? "button--danger" : "button--primary"}`}
                disabled={accepting.isPending}
                onClick={() => {
                  setError(null);
                  accepting.mutate({ storeId, accepting: !s.acceptingOrders });
                }}
              >
                {s.acceptingOrders ? "Close the store (stop orders)" : "Open the store"}
              </button>
              <button
                type="button"
                className="button"
                disabled={paused.isPending}
                onClick={() => {
                  setError(null);
                  paused.mutate({ storeId, paused: !s.deliveryPaused });
                }}
              >
                {s.deliveryPaused ? "Resume delivery" : "Pause delivery (carryout only)"}
              </button>
            </div>
            <p className="muted small">Closing the store stops new orders at once, whatever the hours say.</p>
            <TodayHoursForm storeId={storeId} store={s} onChanged={refresh} />
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      {menu.data ? <StockPanel storeId={storeId} menu={menu.data} onChanged={refresh} /> : null}
      {menu.data ? <StorePricePanel storeId={storeId} menu={menu.data} onChanged={refresh} /> : null}
      {isAdmin && menu.data ? <PricePanel menu={menu.data} onChanged={refresh} /> : null}
    </div>
  );
}

const spansText = (spans: [string, string][]) =>
  spans.length === 0 ? "Closed all day" : spans.map(([a, b]) => `${a}–${b}`).join(", ");

function StoreStatus({ store }: { store: Store }) {
  return (
    <dl className="summary" data-testid="store-status">
      <div>
        <dt>Now</dt>
        <dd>
          <span className={`badge ${store.openNow ? "badge--ok" : "badge--off"}`}>
            {store.openNow ? "Open" : "Closed"}
          </span>{" "}
          {store.acceptingOrders ? "" : "(orders stopped)"}
        </dd>
      </div>
      <div>
        <dt>Delivery</dt>
        <dd>{store.deliveryPaused ? "Paused — carryout only" : "Delivering"}</dd>
      </div>
      <div>
        <dt>Today</dt>
        <dd data-testid="today-hours">
          {spansText(store.today.spans)}{" "}
          <span className="muted small">
            ({store.today.source === "override" ? "changed for today" : "usual hours"})
          </span>
        </dd>
      </div>
      {!store.openNow && store.opensAt ? (
        <div>
          <dt>Opens</dt>
          <dd>{new Date(store.opensAt).toLocaleString()}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Today's hours (the store's local date): special hours, closed all day, or the usual weekly hours. */
function TodayHoursForm({ storeId, store, onChanged }: { storeId: string; store: Store; onChanged(): void }) {
  const trpc = useTRPC();
  const first = store.today.spans[0];
  const [opens, setOpens] = useState(first?.[0] ?? "11:00");
  const [closes, setCloses] = useState(first?.[1] === "24:00" ? "23:59" : (first?.[1] ?? "22:00"));
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const set = useMutation(
    trpc.store.setTodayHours.mutationOptions({
      onSuccess: (s) => {
        setNote({ ok: true, text: `Today (${s.today.date}): ${spansText(s.today.spans)}.` });
        onChanged();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  return (
    <form
      className="stack"
      aria-labelledby="today-hours-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!opens || !closes) {
          setNote({ ok: false, text: "Enter an opening and a closing time." });
          return;
        }
        if (closes <= opens) {
          setNote({ ok: false, text: "The closing time must be after the opening time." });
          return;
        }
        setNote(null);
        set.mutate({ storeId, mode: "hours", opens, closes });
      }}
    >
      <h3 id="today-hours-title" className="small">
        Today's hours ({store.timezone})
      </h3>
      <div className="row">
        <label className="field">
          <span className="field__label">Opens</span>
          <input
            className="input"
            type="time"
            value={opens}
            onChange={(e) => setOpens(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span className="field__label">Closes</span>
          <input
            className="input"
            type="time"
            value={closes}
            onChange={(e) => setCloses(e.target.value)}
            required
          />
        </label>
      </div>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={set.isPending}>
          Set today's hours
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={set.isPending}
          onClick={() => {
            setNote(null);
            set.mutate({ storeId, mode: "closed" });
          }}
        >
          Closed all day
        </button>
        {store.today.source === "override" ? (
          <button
            type="button"
            className="button"
            disabled={set.isPending}
            onClick={() => {
              setNote(null);
              set.mutate({ storeId, mode: "weekly" });
            }}
          >
            Back to usual hours
          </button>
        ) : null}
      </div>
      {note ? (
        <div className={`alert ${note.ok ? "alert--success" : "alert--error"}`} role="status">
          {note.text}
        </div>
      ) : null}
    </form>
  );
}

function StockPanel({ storeId, menu, onChanged }: { storeId: string; menu: Menu; onChanged(): void }) {
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

/**
 * The store's own prices, for its manager (and admins): within the region's list price ± its
 * percentage, shown beside the field; "Use the region's price" removes the store's own price.
 */
function StorePricePanel({ storeId, menu, onChanged }: { storeId: string; menu: Menu; onChanged(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.store.storePrices.queryOptions({ storeId }));
  const [itemId, setItemId] = useState(menu.items[0]?.id ?? "");
  const item = menu.items.find((i) => i.id === itemId);
  const [variant, setVariant] = useState(item?.variants[0]?.id ?? "");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const set = useMutation(
    trpc.store.setStorePrice.mutationOptions({
      onSuccess: (r) => {
        setNote({
          ok: true,
          text:
            r.storeAmount === null
              ? `Back to the region's price, ${money(r.listAmount, menu.region.currency)}.`
              : `Saved: ${money(r.storeAmount, menu.region.currency)} at this store.`,
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
  const fmt = (n: number) => money(n, r.currency);
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
          const minor = toMinor(amount, r.currency);
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
        {note ? (
          <div className={`alert ${note.ok ? "alert--success" : "alert--error"}`} role="status">
            {note.text}
          </div>
        ) : null}
      </form>
    </section>
  );
}

function PricePanel({ menu, onChanged }: { menu: Menu; onChanged(): void }) {
  const trpc = useTRPC();
  const [itemId, setItemId] = useState(menu.items[0]?.id ?? "");
  const item = menu.items.find((i) => i.id === itemId);
  const [variant, setVariant] = useState(item?.variants[0]?.id ?? "");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: menu.region.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
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
          const minor = Math.round(Number(amount.replace(",", ".")) * 10 ** digits);
          if (!Number.isFinite(minor) || minor < 0) {
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
            New price{current !== undefined ? ` (now ${money(current, menu.region.currency)})` : ""}
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
        {note ? (
          <div className={`alert ${note.ok ? "alert--success" : "alert--error"}`} role="status">
            {note.text}
          </div>
        ) : null}
      </form>
    </section>
  );
}

/** A menu item and, when it has several, its size/variant (a new item starts at its first variant). */
function ItemVariantPicker({
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
