import type { AppRouter } from "@pizza/api/router";
import { useTRPC } from "@pizza/ui";
import { type StoreOrderState, useStoreFeed } from "@pizza/ui/socket";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { audioUnlocked, beep, unlockAudio } from "./beep.ts";
import {
  ACTIVE_STATUSES,
  BAKE_MS,
  BUMP_BAR_IDLE,
  type BumpBarState,
  bumpBarKey,
  COLUMNS,
  clock,
  lateness,
  nextStage,
  type Placement,
  placementLabel,
  prettyId,
  STAGE_LABEL,
} from "./kitchen-model.ts";

type Outputs = inferRouterOutputs<AppRouter>;
export type StoreOrder = Outputs["order"]["storeOrders"][number];
type Menu = Outputs["menu"]["getMenu"];

/** Re-renders every `ms` (the tickets' timers). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Names for the ids an order line carries (toppings, crusts, sauces, options, sizes). */
export function useMenuNames(storeId: string) {
  const trpc = useTRPC();
  const menu = useQuery({ ...trpc.menu.getMenu.queryOptions({ storeId }), staleTime: 60_000 });
  return useMemo(() => namesOf(menu.data), [menu.data]);
}

function namesOf(menu: Menu | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!menu) return names;
  for (const t of menu.toppings) names.set(`topping:${t.id}`, t.name);
  for (const c of menu.crusts) names.set(`crust:${c.id}`, c.name);
  for (const s of menu.sauces) names.set(`sauce:${s.id}`, s.name);
  for (const s of menu.sizes) names.set(`size:${s.id}`, s.name);
  for (const item of menu.items) {
    for (const v of item.variants) if (v.id) names.set(`variant:${item.id}:${v.id}`, v.name);
    for (const g of item.optionGroups) for (const o of g.options) names.set(`option:${o.key}`, o.name);
  }
  return names;
}

export interface LiveOrders {
  orders: (StoreOrder & { stageSince: string })[];
  isLoading: boolean;
  error: unknown;
  connected: boolean;
  /** Order ids that arrived as new in the last seconds (highlighted). */
  fresh: ReadonlySet<string>;
  newest: { orderNumber: number; at: number } | null;
  apply(result: { orderId: string; status: StoreOrder["status"]; version: number; at: string }): void;
}

/**
 * The store's active orders: the list from `order.storeOrders` (re-read on every socket (re)connect
 * and when an order the list does not know appears) with statuses kept live by `store:order` events.
 */
export function useLiveOrders(storeId: string): LiveOrders {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { storeId, statuses: ACTIVE_STATUSES, limit: 200 };
  const list = useQuery({
    ...trpc.order.storeOrders.queryOptions(input),
    refetchInterval: 30_000,
    staleTime: 0,
  });
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const [newest, setNewest] = useState<{ orderNumber: number; at: number } | null>(null);
  const known = useRef<Set<string>>(new Set());

  const refetch = useCallback(
    () => void queryClient.invalidateQueries(trpc.order.storeOrders.pathFilter()),
    [queryClient, trpc],
  );

  const feed = useStoreFeed({
    storeId,
    onResync: refetch,
    onEvent: (event) => {
      if (!known.current.has(event.orderId) || event.topic === "order.placed") refetch();
      if (event.status === "placed") {
        beep();
        setNewest({ orderNumber: event.orderNumber, at: Date.now() });
        setFresh((s) => new Set(s).add(event.orderId));
        setTimeout(
          () =>
            setFresh((s) => {
              const next = new Set(s);
              next.delete(event.orderId);
              return next;
            }),
          15_000,
        );
      }
    },
  });
  const { seed } = feed;

  useEffect(() => {
    if (!list.data) return;
    known.current = new Set(list.data.map((o) => o.id));
    seed(
      list.data.map(
        (o): StoreOrderState => ({
          orderId: o.id,
          orderNumber: o.orderNumber,
          channel: o.channel,
          status: o.status,
          version: o.version,
          at: o.updatedAt,
        }),
      ),
    );
  }, [list.data, seed]);

  const orders = useMemo(() => {
    const rows = list.data ?? [];
    return rows
      .map((o) => {
        const live = feed.orders.get(o.id);
        return live && live.version > o.version
          ? { ...o, status: live.status, version: live.version, stageSince: live.at }
          : { ...o, stageSince: o.updatedAt };
      })
      .filter((o) => ACTIVE_STATUSES.includes(o.status))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }, [list.data, feed.orders]);

  const apply = useCallback(
    (r: { orderId: string; status: StoreOrder["status"]; version: number; at: string }) => {
      const row = list.data?.find((o) => o.id === r.orderId);
      if (!row) return;
      seed([{ orderNumber: row.orderNumber, channel: row.channel, ...r }]);
    },
    [list.data, seed],
  );

  return {
    orders,
    isLoading: list.isLoading,
    error: list.error,
    connected: feed.connection.status === "connected",
    fresh,
    newest,
    apply,
  };
}

/** The line's name with its size or variant, once ("Large 14\" Pepperoni" already names the size). */
function lineName(line: StoreOrder["items"][number], names: Map<string, string>): string {
  if (!line.variant) return line.name;
  const variant = names.get(`variant:${line.itemId}:${line.variant}`) ?? prettyId(line.variant);
  return line.name.toLowerCase().includes(variant.toLowerCase()) ? line.name : `${line.name} · ${variant}`;
}

function dueAt(o: StoreOrder): number {
  const due = o.status === "out_for_delivery" ? o.promisedAt : (o.readyEstimateAt ?? o.promisedAt);
  return new Date(due).getTime();
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== "function") return false;
  return el.closest("input, textarea, select, [contenteditable=true], [data-own-keys]") !== null;
}

export function Kitchen({ storeId, live }: { storeId: string; live: LiveOrders }) {
  const trpc = useTRPC();
  const names = useMenuNames(storeId);
  const now = useNow();
  const [selected, setSelected] = useState<string | null>(null);
  const [lastBumped, setLastBumped] = useState<{ orderId: string; from: StoreOrder["status"] } | null>(null);
  const [recalled, setRecalled] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [soundOn, setSoundOn] = useState(audioUnlocked());
  const bar = useRef<BumpBarState>(BUMP_BAR_IDLE);
  const advance = useMutation(trpc.order.advance.mutationOptions());
  const undoAdvance = useMutation(trpc.order.undoAdvance.mutationOptions());

  // Columns, and the on-screen numbers a bump bar selects by (left to right, top to bottom).
  const columns = useMemo(
    () => COLUMNS.map((c) => ({ ...c, orders: live.orders.filter((o) => o.status === c.status) })),
    [live.orders],
  );
  const numbered = useMemo(() => columns.flatMap((c) => c.orders), [columns]);
  const numberOf = useMemo(() => new Map(numbered.map((o, i) => [o.id, i + 1])), [numbered]);

  const bump = useCallback(
    async (order: StoreOrder) => {
      const to = nextStage(order.status, order.channel);
      if (!to) {
        setMessage({
          kind: "info",
          text:
            order.status === "ready"
              ? `Order ${order.orderNumber} leaves with its driver (assign one under Drivers).`
              : `Order ${order.orderNumber} is with its driver.`,
        });
        return;
      }
      setMessage(null);
      try {
        const result = await advance.mutateAsync({ orderId: order.id, to, expectedVersion: order.version });
        live.apply(result);
        setLastBumped({ orderId: order.id, from: order.status });
        setSelected(order.id);
      } catch (error) {
        setMessage({ kind: "error", text: (error as Error).message });
      }
    },
    [advance, live],
  );

  const recall = useCallback(() => {
    if (!lastBumped) {
      setMessage({ kind: "info", text: "Nothing bumped yet." });
      return;
    }
    setSelected(lastBumped.orderId);
    setRecalled(lastBumped.orderId);
    setTimeout(() => setRecalled(null), 4000);
    const order = live.orders.find((o) => o.id === lastBumped.orderId);
    setMessage({
      kind: "info",
      text: order
        ? `Recalled order ${order.orderNumber}: now ${STAGE_LABEL[order.status]} (was ${STAGE_LABEL[lastBumped.from]}). Press U to undo the bump (within 2 minutes).`
        : "The last bumped order has left the board (handed over or delivered).",
    });
    document.getElementById(`ticket-${lastBumped.orderId}`)?.scrollIntoView({ block: "nearest" });
  }, [lastBumped, live.orders]);

  /** Takes the last bump back (one stage, within 2 minutes; the server says when it cannot). */
  const undo = useCallback(async () => {
    if (!lastBumped) {
      setMessage({ kind: "info", text: "Nothing to undo: no ticket bumped yet." });
      return;
    }
    const order = live.orders.find((o) => o.id === lastBumped.orderId);
    try {
      const result = await undoAdvance.mutateAsync({ orderId: lastBumped.orderId });
      live.apply(result);
      setLastBumped(null);
      setSelected(result.orderId);
      setMessage({
        kind: "info",
        text: `Undone: order ${order?.orderNumber ?? ""} is back in ${STAGE_LABEL[result.status]}.`,
      });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }, [lastBumped, live, undoAdvance]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      unlockAudio();
      setSoundOn(audioUnlocked());
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // Enter/Space on a focused button (a ticket's bump button, sound, tabs) press that button.
      const el = e.target as HTMLElement | null;
      if (
        (e.key === "Enter" || e.key === " ") &&
        el?.tagName === "BUTTON" &&
        !el.classList.contains("ticket__select")
      )
        return;
      const { state, action } = bumpBarKey(bar.current, e.key, Date.now(), numbered.length);
      bar.current = state;
      if (action.kind === "none") return;
      e.preventDefault();
      if (action.kind === "select") {
        const o = numbered[action.index - 1];
        if (o) setSelected(o.id);
      } else if (action.kind === "move") {
        const i = selected ? numbered.findIndex((o) => o.id === selected) : -1;
        const o = numbered[Math.max(0, Math.min(numbered.length - 1, i + action.by))];
        if (o) setSelected(o.id);
      } else if (action.kind === "bump") {
        const o = numbered.find((x) => x.id === selected);
        if (o) void bump(o);
        else setMessage({ kind: "info", text: "Select a ticket first: type its number." });
      } else if (action.kind === "recall") recall();
      else if (action.kind === "undo") void undo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [numbered, selected, bump, recall, undo]);

  const selectedOrder = numbered.find((o) => o.id === selected);

  return (
    <section className="kds" aria-label="Kitchen display">
      <div className="kds__bar">
        <p className="kds__help" id="kds-help">
          Keys: <kbd>1</kbd>–<kbd>9</kbd> select a ticket · <kbd>Enter</kbd>/<kbd>B</kbd> bump · <kbd>R</kbd>{" "}
          recall last bumped · <kbd>U</kbd> undo last bump · <kbd>←</kbd>
          <kbd>→</kbd> move
        </p>
        <span className="kds__selected" data-testid="kds-selected" aria-live="polite">
          {selectedOrder
            ? `Selected: #${numberOf.get(selectedOrder.id)} · order ${selectedOrder.orderNumber}`
            : "No ticket selected"}
        </span>
        <button
          type="button"
          className="button button--small"
          disabled={!lastBumped || undoAdvance.isPending}
          onClick={() => void undo()}
        >
          Undo last bump
        </button>
        {soundOn ? (
          <span className="badge">Sound on</span>
        ) : (
          <button
            type="button"
            className="button button--small"
            data-own-keys
            onClick={() => {
              unlockAudio();
              setTimeout(() => setSoundOn(audioUnlocked()), 50);
            }}
          >
            Tap to enable sound
          </button>
        )}
      </div>
      {live.newest && now - live.newest.at < 8000 ? (
        <div className="kds__alert" role="alert">
          New order {live.newest.orderNumber}
        </div>
      ) : null}
      {message ? (
        <div className={`alert ${message.kind === "error" ? "alert--error" : "alert--info"}`} role="status">
          {message.text}
        </div>
      ) : null}
      {live.error ? (
        <div className="alert alert--error" role="alert">
          Could not load the orders: {(live.error as Error).message}
        </div>
      ) : null}
      <div className="kds__board">
        {columns.map((column) => (
          <section
            key={column.status}
            className={`kds__column kds__column--${column.status}`}
            aria-label={`${column.title}: ${column.orders.length}`}
            data-testid={`column-${column.status}`}
          >
            <h2 className="kds__column-title">
              {column.title} <span className="kds__count">{column.orders.length}</span>
            </h2>
            {column.orders.length === 0 ? <p className="kds__empty">—</p> : null}
            {column.orders.map((o) => (
              <Ticket
                key={o.id}
                order={o}
                index={numberOf.get(o.id) ?? 0}
                names={names}
                now={now}
                selected={o.id === selected}
                fresh={live.fresh.has(o.id)}
                recalled={o.id === recalled}
                busy={advance.isPending && advance.variables?.orderId === o.id}
                onSelect={() => setSelected(o.id)}
                onBump={() => void bump(o)}
              />
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}

function Ticket({
  order,
  index,
  names,
  now,
  selected,
  fresh,
  recalled,
  busy,
  onSelect,
  onBump,
}: {
  order: StoreOrder & { stageSince: string };
  index: number;
  names: Map<string, string>;
  now: number;
  selected: boolean;
  fresh: boolean;
  recalled: boolean;
  busy: boolean;
  onSelect(): void;
  onBump(): void;
}) {
  const due = dueAt(order);
  const late = lateness(now, due);
  const age = now - new Date(order.createdAt).getTime();
  const next = nextStage(order.status, order.channel);
  const name = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? prettyId(id);
  const className = [
    "ticket",
    `ticket--${late}`,
    selected ? "ticket--selected" : "",
    fresh ? "ticket--fresh" : "",
    recalled ? "ticket--recalled" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a tap anywhere on the ticket selects it; keyboards use its select button
    <article
      id={`ticket-${order.id}`}
      className={className}
      data-testid="ticket"
      data-order-number={order.orderNumber}
      data-status={order.status}
      aria-label={`Ticket ${index}, order ${order.orderNumber}, ${order.channel}, ${STAGE_LABEL[order.status]}`}
      aria-current={selected ? "true" : undefined}
      onClick={onSelect}
    >
      <header className="ticket__head">
        <button type="button" className="ticket__select" aria-pressed={selected} onFocus={onSelect}>
          <span className="visually-hidden">Select ticket </span>
          <span className="ticket__index" title="Bump bar number">
            {index}
          </span>
          <span className="ticket__number">#{order.orderNumber}</span>
        </button>
        <span className={`ticket__channel ticket__channel--${order.channel}`}>
          {order.channel === "delivery" ? "DELIVERY" : "CARRYOUT"}
        </span>
      </header>
      <div className="ticket__times">
        <span className="ticket__timer" data-testid="ticket-timer" data-late={late}>
          {clock(age)}
        </span>
        <span className="ticket__due">
          {late === "late" ? `late ${clock(now - due)}` : `due ${timeFmt.format(new Date(order.promisedAt))}`}
        </span>
      </div>
      <ul className="ticket__items">
        {order.items.map((line) => (
          <li key={line.lineNo} className="ticket__item">
            <div className="ticket__item-name">
              <strong>{line.quantity}×</strong> {lineName(line, names)}
            </div>
            {line.config.crust ||
            line.config.sauce ||
            (line.config.cheese && line.config.cheese !== "normal") ? (
              <div className="ticket__base">
                {[
                  line.config.crust ? name("crust", line.config.crust) : null,
                  line.config.sauce ? name("sauce", line.config.sauce) : null,
                  line.config.cheese && line.config.cheese !== "normal"
                    ? `${line.config.cheese.toUpperCase()} cheese`
                    : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </div>
            ) : null}
            {line.config.toppings && line.config.toppings.length > 0 ? (
              <ul className="ticket__toppings">
                {line.config.toppings.map((t) => (
                  <li key={`${t.id}-${t.placement}`}>
                    <span className={`placement placement--${t.placement}`}>
                      {placementLabel(t.placement as Placement)}
                    </span>{" "}
                    {name("topping", t.id)}
                    {t.portion === "extra" ? <span className="extra"> EXTRA</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {line.config.options && line.config.options.length > 0 ? (
              <div className="ticket__options">
                {line.config.options.map((k) => name("option", k)).join(" · ")}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {order.notes ? <p className="ticket__notes">Note: {order.notes}</p> : null}
      <button
        type="button"
        className="button button--primary ticket__bump"
        disabled={!next || busy}
        onClick={(e) => {
          e.stopPropagation();
          onBump();
        }}
        onFocus={(e) => e.stopPropagation()}
      >
        {next === "picked_up"
          ? "Handed over"
          : next
            ? `Bump → ${COLUMNS.find((c) => c.status === next)?.title ?? STAGE_LABEL[next]}`
            : order.status === "ready"
              ? "Waiting for driver"
              : "On the road"}
      </button>
    </article>
  );
}

/** What is in the oven and when it comes out (7 minutes after it went in, as in the demo kitchen). */
export function OvenView({ storeId, live }: { storeId: string; live: LiveOrders }) {
  const now = useNow();
  const names = useMenuNames(storeId);
  const inOven = live.orders
    .filter((o) => o.status === "baking")
    .map((o) => ({ o, out: new Date(o.stageSince).getTime() + BAKE_MS }))
    .sort((a, b) => a.out - b.out);
  return (
    <section className="oven stack" aria-label="Oven">
      <h2>In the oven ({inOven.length})</h2>
      {inOven.length === 0 ? <p className="muted">The oven is empty.</p> : null}
      <ol className="oven__list">
        {inOven.map(({ o, out }) => {
          const left = out - now;
          return (
            <li
              key={o.id}
              className={`oven__row ${left <= 0 ? "oven__row--due" : ""}`}
              data-testid="oven-row"
            >
              <span className="oven__number">#{o.orderNumber}</span>
              <span className="oven__what">
                {o.items
                  .filter((l) => l.kind === "pizza" || (l.config.toppings?.length ?? 0) > 0 || l.config.crust)
                  .map((l) => `${l.quantity}× ${lineName(l, names)}`)
                  .join(", ") || o.items.map((l) => `${l.quantity}× ${l.name}`).join(", ")}
              </span>
              <span className="oven__out">
                {left <= 0 ? "OUT NOW" : `out in ${clock(left)}`} · {timeFmt.format(new Date(out))}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
