import { errorMessage, useSession, useTRPC } from "@pizza/ui";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { type DrawnTopping, PizzaDrawing } from "../components/pizza-drawing.tsx";
import { useDebounced } from "../lib/use-debounced.ts";
import { useMenu } from "../lib/use-menu.ts";
import { moneyIn } from "../money.ts";
import {
  addLine,
  type CartLineInput,
  type MenuData,
  orderLineAsCart,
  rememberOrderChange,
  useCart,
  useStart,
} from "../order-state.ts";
import { Link, navigate, useLocation } from "../router.tsx";

type Cheese = "none" | "light" | "normal" | "extra";
type Placement = "whole" | "left" | "right";

const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

export function BuilderPage() {
  const { query } = useLocation();
  const orderId = query.get("order");
  return orderId ? <OrderLineBuilder orderId={orderId} /> : <CartLineBuilder />;
}

function CartLineBuilder() {
  const start = useStart();
  const cart = useCart();
  const { query } = useLocation();
  const menu = useMenu(start);
  useEffect(() => {
    if (!start) navigate("/start", { replace: true });
  }, [start]);
  if (!start) return null;
  if (menu.isPending)
    return (
      <div className="page" role="status">
        Loading…
      </div>
    );
  if (menu.isError) return <div className="page alert alert--error">{errorMessage(menu.error)}</div>;
  const editing = cart.lines.find((l) => l.key === query.get("line"));
  const itemId = editing?.line.itemId ?? query.get("item") ?? "";
  const item = menu.data.items.find((i) => i.id === itemId);
  if (!item)
    return (
      <div className="page stack">
        <p>That item is not on this store's menu.</p>
        <Link to="/menu">Back to the menu</Link>
      </div>
    );
  return (
    <Builder
      key={`${item.id}-${editing?.key ?? "new"}`}
      menu={menu.data}
      itemId={item.id}
      editing={editing}
    />
  );
}

/**
 * Changing a placed order: one of its lines (`?order=ID&line=N`) or a new one (`?order=ID&item=X`),
 * built with the same builder on the order's store menu, saved with `order.updateOrder` (the server
 * re-prices the whole order and refuses once the kitchen has started).
 */
function OrderLineBuilder({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { query } = useLocation();
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), retry: false });
  const locale = useStart()?.locale;
  const menu = useQuery({
    ...trpc.menu.getMenu.queryOptions({
      storeId: order.data?.storeId,
      ...(locale ? { locale } : {}),
    }),
    enabled: Boolean(order.data?.storeId),
    staleTime: 30_000,
  });
  const update = useMutation(trpc.order.updateOrder.mutationOptions());
  if (order.isError) return <div className="page alert alert--error">{errorMessage(order.error)}</div>;
  if (menu.isError) return <div className="page alert alert--error">{errorMessage(menu.error)}</div>;
  if (!order.data || !menu.data)
    return (
      <div className="page" role="status">
        Loading…
      </div>
    );
  const o = order.data;
  const back = `/track?order=${orderId}`;
  const lineNo = Number(query.get("line"));
  const editing = o.items.find((l) => l.lineNo === lineNo);
  const itemId = editing?.itemId ?? query.get("item") ?? "";
  const item = menu.data.items.find((i) => i.id === itemId);
  if (o.status !== "placed" && o.status !== "pending_payment")
    return (
      <div className="page stack">
        <p className="alert alert--error" role="alert">
          The kitchen has started on this order, so it can no longer be changed.
        </p>
        <Link to={back}>Back to your order</Link>
      </div>
    );
  if (!item)
    return (
      <div className="page stack">
        <p>That item is not on this store's menu.</p>
        <Link to={back}>Back to your order</Link>
      </div>
    );

  async function save(_name: string, line: CartLineInput): Promise<string | null> {
    const items = editing
      ? o.items.map((l) => (l.lineNo === editing.lineNo ? line : orderLineAsCart(l)))
      : [...o.items.map((l) => orderLineAsCart(l)), line];
    try {
      const change = await update.mutateAsync({ orderId, expectedVersion: o.version, items });
      rememberOrderChange(orderId, o.total, change);
      await queryClient.invalidateQueries();
      navigate(back);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }

  return (
    <Builder
      key={`${item.id}-${editing?.lineNo ?? "new"}`}
      menu={menu.data}
      itemId={item.id}
      editing={editing ? { key: String(editing.lineNo), line: orderLineAsCart(editing) } : undefined}
      channel={o.channel}
      order={{ number: o.orderNumber, back, save, saving: update.isPending }}
    />
  );
}

function Builder({
  menu,
  itemId,
  editing,
  channel,
  order,
}: {
  menu: MenuData;
  itemId: string;
  editing: { key: string; line: CartLineInput } | undefined;
  channel?: "delivery" | "carryout";
  /** Set when the builder changes a placed order instead of the cart. */
  order?: {
    number: number;
    back: string;
    save(name: string, line: CartLineInput): Promise<string | null>;
    saving: boolean;
  };
}) {
  const trpc = useTRPC();
  const { user } = useSession();
  const start = useStart();
  const [saveError, setSaveError] = useState("");
  const item = menu.items.find((i) => i.id === itemId)!;
  const isPizza = item.kind === "pizza";
  const money = moneyIn(menu.region, menu.region.locale);
  const initial = editing?.line;

  const [size, setSize] = useState(
    initial?.size ??
      initial?.variant ??
      item.variants.find((v) => v.id === "medium")?.id ??
      item.variants[0]?.id ??
      "",
  );
  const [crust, setCrust] = useState(initial?.crust ?? menu.crusts.find((c) => c.available)?.id ?? "");
  const [sauce, setSauce] = useState(initial?.sauce ?? item.defaults.sauce ?? menu.sauces[0]?.id ?? "");
  const [cheese, setCheese] = useState<Cheese>(
    (initial?.cheese as Cheese) ?? (item.defaults.cheese as Cheese) ?? "normal",
  );
  const [toppings, setToppings] = useState<
    Record<string, { placement: Placement; portion: "normal" | "extra" }>
  >(() => {
    const t: Record<string, { placement: Placement; portion: "normal" | "extra" }> = {};
    if (initial?.toppings)
      for (const x of initial.toppings)
        t[x.id] = { placement: x.placement ?? "whole", portion: x.portion ?? "normal" };
    else for (const id of item.defaults.toppings) t[id] = { placement: "whole", portion: "normal" };
    return t;
  });
  const [options, setOptions] = useState<string[]>(initial?.options ?? []);
  const [quantity, setQuantity] = useState(initial?.quantity ?? 1);

  const line: CartLineInput = useMemo(
    () =>
      isPizza
        ? {
            itemId,
            size,
            quantity,
            crust,
            sauce,
            cheese,
            toppings: Object.entries(toppings).map(([id, t]) => ({
              id,
              placement: t.placement,
              portion: t.portion,
            })),
          }
        : { itemId, ...(size ? { variant: size } : {}), quantity, options },
    [isPizza, itemId, size, quantity, crust, sauce, cheese, toppings, options],
  );
  const settled = useDebounced(line, 200);
  const quoteInput = {
    channel: channel ?? start?.channel ?? ("carryout" as const),
    storeId: menu.store.id,
    items: [settled],
    ...(start?.locale ? { locale: start.locale } : {}),
  };
  const quote = useQuery({
    ...trpc.order.quote.queryOptions(quoteInput),
    enabled: user !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const stale = JSON.stringify(settled) !== JSON.stringify(line) || quote.isFetching;

  const crustInfo = menu.crusts.find((c) => c.id === crust);
  const crustProblem =
    isPizza && crustInfo && crustInfo.prices[size] === undefined
      ? `${crustInfo.name} crust comes only in ${list(Object.keys(crustInfo.prices).map((id) => menu.sizes.find((s) => s.id === id)?.name ?? id))}.`
      : null;
  const sizeInfo = menu.sizes.find((s) => s.id === size);
  const toppingCount = Object.keys(toppings).length;

  const drawn: DrawnTopping[] = Object.entries(toppings).map(([id, t]) => ({
    id,
    name: menu.toppings.find((x) => x.id === id)?.name ?? id,
    ...t,
  }));

  function setTopping(id: string, placement: Placement | "none") {
    setToppings((all) => {
      const next = { ...all };
      if (placement === "none") delete next[id];
      else next[id] = { placement, portion: all[id]?.portion ?? "normal" };
      return next;
    });
  }

  function toggleOption(groupId: string, key: string, max: number) {
    setOptions((all) => {
      const inGroup = (k: string) => k.startsWith(`${groupId}:`);
      if (all.includes(key)) return all.filter((k) => k !== key);
      const kept = max === 1 ? all.filter((k) => !inGroup(k)) : all;
      return [...kept, key];
    });
  }

  const serverReason = quote.isError ? errorMessage(quote.error) : null;
  const unit = quote.data?.lines[0]?.unitPrice;
  const canAdd = !crustProblem && !serverReason && (user === null || (quote.data && !stale));

  async function add() {
    const name = isPizza
      ? `${item.name} · ${sizeInfo?.name ?? size}`
      : `${item.name}${size ? ` · ${item.variants.find((v) => v.id === size)?.name ?? size}` : ""}`;
    if (order) {
      setSaveError((await order.save(name, line)) ?? "");
      return;
    }
    addLine(name, line, editing?.key);
    navigate(editing ? "/cart" : "/menu");
  }

  return (
    <div className="page page--wide builder" lang={menu.locale}>
      <div className="builder__grid">
        <div className="builder__preview stack">
          {order ? (
            <p className="small">
              Changing order #{order.number} · <Link to={order.back}>Back to your order</Link>
            </p>
          ) : null}
          <h1>{item.name}</h1>
          {item.description ? <p className="muted">{item.description}</p> : null}
          {isPizza ? (
            <PizzaDrawing
              sizeCm={sizeInfo?.diameterCm ?? 30}
              sauce={sauce || null}
              cheese={cheese}
              toppings={drawn}
            />
          ) : null}
        </div>
        <div className="stack builder__choices">
          <fieldset className="stack stack--tight">
            <legend className="field__label">{isPizza ? "Size" : "Choose"}</legend>
            <div className="choice-grid">
              {item.variants.map((v) => (
                <label key={v.id} className="choice">
                  <input type="radio" name="size" checked={size === v.id} onChange={() => setSize(v.id)} />
                  <span>
                    {v.name || item.name} <span className="muted small">{money(v.price)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          {isPizza ? (
            <>
              <fieldset className="stack stack--tight">
                <legend className="field__label">Crust</legend>
                <div className="choice-grid">
                  {menu.crusts.map((c) => {
                    const fits = c.prices[size] !== undefined;
                    return (
                      <label key={c.id} className={`choice ${fits && c.available ? "" : "choice--off"}`}>
                        <input
                          type="radio"
                          name="crust"
                          checked={crust === c.id}
                          disabled={!c.available}
                          onChange={() => setCrust(c.id)}
                        />
                        <span>
                          {c.name}
                          {!c.available ? <span className="small muted"> · out of stock</span> : null}
                          {c.available && !fits ? (
                            <span className="small muted"> · not in this size</span>
                          ) : null}
                          {c.available && fits && (c.prices[size] ?? 0) > 0 ? (
                            <span className="small muted"> +{money(c.prices[size] ?? 0)}</span>
                          ) : null}
                        </span>
                      </label>
                    );
                  })}
                </div>
                {crustProblem ? (
                  <p className="alert alert--error" role="alert">
                    {crustProblem} Choose another size or crust.
                  </p>
                ) : null}
              </fieldset>

              <fieldset className="stack stack--tight">
                <legend className="field__label">Sauce</legend>
                <div className="choice-grid">
                  {menu.sauces.map((s) => (
                    <label key={s.id} className={`choice ${s.available ? "" : "choice--off"}`}>
                      <input
                        type="radio"
                        name="sauce"
                        checked={sauce === s.id}
                        disabled={!s.available}
                        onChange={() => setSauce(s.id)}
                      />
                      <span>
                        {s.name}
                        {!s.available ? <span className="small muted"> · out of stock</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>

              <fieldset className="stack stack--tight">
                <legend className="field__label">Cheese</legend>
                <div className="choice-grid">
                  {menu.cheeseLevels.map((c) => (
                    <label key={c.id} className="choice">
                      <input
                        type="radio"
                        name="cheese"
                        checked={cheese === c.id}
                        onChange={() => setCheese(c.id)}
                      />
                      <span>
                        {c.name}
                        {(c.prices[size] ?? 0) > 0 ? (
                          <span className="small muted"> +{money(c.prices[size] ?? 0)}</span>
                        ) : null}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>

              <fieldset className="stack stack--tight">
                <legend className="field__label">
                  Toppings{" "}
                  <span className="muted small">
                    ({toppingCount}
                    {sizeInfo ? ` of up to ${sizeInfo.maxToppings}` : ""})
                  </span>
                </legend>
                <ul className="topping-list">
                  {menu.toppings.map((t) => {
                    const chosen = toppings[t.id];
                    return (
                      <li
                        key={t.id}
                        className={`topping ${t.available ? "" : "topping--out"}`}
                        data-testid={`topping-${t.id}`}
                      >
                        <div className="topping__name">
                          <strong>{t.name}</strong>
                          <span className="small muted">
                            {t.available ? `+${money(t.prices[size] ?? 0)}` : "Out of stock"}
                          </span>
                        </div>
                        <div className="topping__controls">
                          <select
                            className="input input--small"
                            aria-label={`${t.name}: where`}
                            value={chosen?.placement ?? "none"}
                            disabled={!t.available && !chosen}
                            onChange={(e) => setTopping(t.id, e.target.value as Placement | "none")}
                          >
                            <option value="none">None</option>
                            <option value="whole">Whole</option>
                            <option value="left">Left half</option>
                            <option value="right">Right half</option>
                          </select>
                          <label className="checkbox small">
                            <input
                              type="checkbox"
                              checked={chosen?.portion === "extra"}
                              disabled={!chosen}
                              onChange={(e) =>
                                setToppings((all) =>
                                  all[t.id]
                                    ? {
                                        ...all,
                                        [t.id]: {
                                          ...all[t.id]!,
                                          portion: e.target.checked ? "extra" : "normal",
                                        },
                                      }
                                    : all,
                                )
                              }
                            />
                            <span>Extra</span>
                          </label>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            </>
          ) : (
            item.optionGroups.map((g) => (
              <fieldset key={g.id} className="stack stack--tight">
                <legend className="field__label">
                  {g.name}{" "}
                  <span className="muted small">
                    {g.min > 0
                      ? `choose ${g.min === g.max ? g.min : `${g.min}–${g.max}`}`
                      : `optional, up to ${g.max}`}
                  </span>
                </legend>
                <div className="choice-grid">
                  {g.options.map((o) => (
                    <label key={o.key} className={`choice ${o.available ? "" : "choice--off"}`}>
                      <input
                        type={g.max === 1 ? "radio" : "checkbox"}
                        name={`group-${g.id}`}
                        checked={options.includes(o.key)}
                        disabled={!o.available}
                        onChange={() => toggleOption(g.id, o.key, g.max)}
                      />
                      <span>
                        {o.name}
                        {o.price > 0 ? <span className="small muted"> +{money(o.price)}</span> : null}
                        {!o.available ? <span className="small muted"> · out of stock</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))
          )}

          <div className="builder__bar card">
            <div className="qty">
              <button
                type="button"
                className="button button--small"
                aria-label="One fewer"
                onClick={() => setQuantity((q) => Math.max(1, q - 1))}
              >
                −
              </button>
              <output aria-live="polite" aria-label="Quantity">
                {quantity}
              </output>
              <button
                type="button"
                className="button button--small"
                aria-label="One more"
                onClick={() => setQuantity((q) => Math.min(20, q + 1))}
              >
                +
              </button>
            </div>
            <div className="builder__price" aria-live="polite" data-testid="live-price">
              {user === null ? (
                <span className="small">
                  <Link to={`/signin?next=${encodeURIComponent(`/build?item=${itemId}`)}`}>Sign in</Link> for
                  the live price
                </span>
              ) : serverReason ? null : unit !== undefined ? (
                <strong className={stale ? "price--stale" : ""}>{money(unit * quantity)}</strong>
              ) : (
                <span className="small muted">Pricing…</span>
              )}
            </div>
            <button
              type="button"
              className="button button--primary"
              disabled={!canAdd || order?.saving}
              onClick={add}
              data-testid="add-to-cart"
            >
              {order
                ? order.saving
                  ? "Saving…"
                  : editing
                    ? "Save to my order"
                    : "Add to my order"
                : editing
                  ? "Update cart"
                  : "Add to cart"}
            </button>
          </div>
          {saveError ? (
            <p className="alert alert--error" role="alert" data-testid="order-change-error">
              {saveError}
            </p>
          ) : null}
          {serverReason ? (
            <p className="alert alert--error" role="alert" data-testid="builder-reason">
              {serverReason}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
