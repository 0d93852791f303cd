import { errorMessage, useTRPC } from "@pizza/ui";
import { LocalMap, type MapMarker } from "@pizza/ui/map";
import { SocketProvider, useOrderFeed } from "@pizza/ui/socket";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { storeMarker, zoneCells } from "../lib/zones.ts";
import { orderMoney } from "../money.ts";
import { type OrderLine, type OrderView, orderLineAsCart, takeOrderChange } from "../order-state.ts";
import { Link, navigate, useLocation } from "../router.tsx";

const TILE_URL = import.meta.env.VITE_MAP_TILE_URL as string | undefined;

const LABELS: Record<string, string> = {
  pending_payment: "Awaiting payment",
  placed: "Order placed",
  preparing: "Prep",
  baking: "In the oven",
  quality_check: "Quality check",
  ready: "Ready",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  picked_up: "Picked up",
  cancelled: "Cancelled",
};

const DELIVERY_STAGES = [
  "placed",
  "preparing",
  "baking",
  "quality_check",
  "ready",
  "out_for_delivery",
  "delivered",
];
const CARRYOUT_STAGES = ["placed", "preparing", "baking", "quality_check", "ready", "picked_up"];

export default function TrackRoute() {
  return (
    <SocketProvider>
      <TrackPage />
    </SocketProvider>
  );
}

function TrackPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { query } = useLocation();
  const orderId = query.get("order") ?? "";
  const feed = useOrderFeed(orderId || null);
  const track = useQuery({
    ...trpc.order.trackOrder.queryOptions({ orderId }),
    enabled: orderId !== "",
    refetchInterval: 20_000,
  });
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), enabled: orderId !== "" });
  const store = useQuery({
    ...trpc.store.get.queryOptions({ storeId: order.data?.storeId ?? "" }),
    enabled: Boolean(order.data?.storeId),
  });

  // The live feed is the truth once it has a snapshot; the query covers the first paint and a socket outage.
  const liveStatus = feed.ready ? feed.order.status : null;
  const status = liveStatus ?? track.data?.status ?? null;
  const onTheWay = status === "out_for_delivery";
  const delivery = useQuery({
    ...trpc.delivery.getDeliveryStatus.queryOptions({ orderId }),
    enabled:
      orderId !== "" && order.data?.channel === "delivery" && status !== null && status !== "cancelled",
    refetchInterval: onTheWay ? 5_000 : 15_000,
  });

  // A status we did not have before: refresh the details (timeline times, ETA).
  useEffect(() => {
    if (liveStatus) {
      void queryClient.invalidateQueries({ queryKey: trpc.order.trackOrder.queryKey({ orderId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.order.getOrder.queryKey({ orderId }) });
    }
  }, [liveStatus, orderId, queryClient, trpc]);

  const [cells, setCells] = useState<string[]>([]);
  useEffect(() => {
    if (store.data) void zoneCells([store.data]).then(setCells);
  }, [store.data]);

  const driverPos =
    feed.order.driverPosition ??
    (delivery.data?.driver?.position
      ? { lat: delivery.data.driver.position.lat, lng: delivery.data.driver.position.lng }
      : null);

  const markers: MapMarker[] = useMemo(() => {
    const list: MapMarker[] = [];
    if (store.data) list.push(storeMarker(store.data));
    if (order.data?.lat != null && order.data.lng != null)
      list.push({
        id: "home",
        kind: "destination",
        label: "Your address",
        position: { lat: order.data.lat, lng: order.data.lng },
      });
    if (
      driverPos &&
      (status === "out_for_delivery" ||
        delivery.data?.stage === "assigned" ||
        delivery.data?.stage === "picked_up")
    )
      list.push({
        id: "driver",
        kind: "driver",
        label: delivery.data?.driver?.name ?? "Your driver",
        position: { lat: driverPos.lat, lng: driverPos.lng },
      });
    return list;
  }, [store.data, order.data, driverPos, status, delivery.data]);

  if (!orderId) return <div className="page">No order selected.</div>;
  if (track.isError) return <div className="page alert alert--error">{errorMessage(track.error)}</div>;
  if (!track.data || !order.data)
    return (
      <div className="page" role="status">
        Loading your order…
      </div>
    );
  const t = track.data;
  const o = order.data;
  const stages = o.channel === "delivery" ? DELIVERY_STAGES : CARRYOUT_STAGES;
  const current = status ?? t.status;
  const reachedIndex =
    current === "cancelled" ? -1 : stages.indexOf(current === "pending_payment" ? "" : current);
  const when = (s: string) => t.timeline.find((x) => x.status === s)?.at ?? null;
  const eta = delivery.data?.etaDropoffAt ?? t.eta;
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
  const connection = feed.connection.status;

  return (
    <div className="page page--wide stack track">
      <div className="track__head">
        <h1>Order #{t.orderNumber}</h1>
        <span className={`live live--${connection}`} role="status" data-testid="live-state">
          {connection === "connected" ? "Live" : connection === "idle" ? "" : "Reconnecting…"}
        </span>
      </div>
      <p className="track__status" aria-live="polite" data-testid="order-status" data-status={current}>
        <strong>{LABELS[current] ?? current}</strong>
        {current === "delivered" || current === "picked_up"
          ? ` at ${time(when(current))}. Enjoy!`
          : current === "cancelled"
            ? // A sentence of ours (e.g. an unpaid order that expired) stands on its own; a short reason follows a colon.
              `${t.cancelReason ? (t.cancelReason.endsWith(".") ? `. ${t.cancelReason}` : `: ${t.cancelReason}`) : ""}`
            : eta
              ? ` · ${o.channel === "delivery" ? "arrives" : "ready"} about ${time(eta)}`
              : ""}
      </p>
      {current === "pending_payment" ? (
        <div className="alert alert--info">
          Waiting for your payment. <Link to={`/pay?order=${orderId}`}>Pay now</Link>
        </div>
      ) : null}

      <ol className="tracker" aria-label="Order progress">
        {stages.map((s, i) => {
          const state = i < reachedIndex ? "done" : i === reachedIndex ? "current" : "todo";
          return (
            <li
              key={s}
              className={`tracker__step tracker__step--${state}`}
              aria-current={state === "current" ? "step" : undefined}
              data-stage={s}
              data-state={state}
            >
              <span className="tracker__dot" aria-hidden="true" />
              <span className="tracker__label">{LABELS[s]}</span>
              <span className="tracker__time small muted">{time(when(s))}</span>
            </li>
          );
        })}
      </ol>

      {o.channel === "delivery" ? (
        <section className="stack" aria-label="Delivery map">
          <LocalMap
            label="Your store, your driver and your address"
            cells={cells}
            markers={markers}
            tileUrl={TILE_URL}
            height="20rem"
            glideMs={1200}
          />
          {delivery.data?.driver &&
          (current === "out_for_delivery" || current === "ready" || current === "quality_check") ? (
            <p className="small">
              {delivery.data.driver.name} is{" "}
              {delivery.data.stage === "picked_up" ? "on the way" : "heading to the store"}
              {delivery.data.etaDropoffAt ? ` · ETA ${time(delivery.data.etaDropoffAt)}` : ""}
            </p>
          ) : current === "ready" || current === "quality_check" ? (
            <p className="small muted">Finding a driver…</p>
          ) : null}
        </section>
      ) : null}

      <section className="card stack stack--tight" aria-label="Your order">
        <ul className="stack stack--tight plain-list">
          {o.items.map((i) => (
            <li key={i.lineNo} className="row row--between">
              <span>
                {i.quantity} × {i.name}
              </span>
              <span>{orderMoney(i.lineTotal, o.currency)}</span>
            </li>
          ))}
        </ul>
        <p className="row row--between">
          <strong>Total</strong> <strong>{orderMoney(o.total, o.currency)}</strong>
        </p>
      </section>

      {current === "placed" || current === "pending_payment" ? <ChangeOrder order={o} /> : null}
      {current === "delivered" || current === "picked_up" ? (
        <Review orderId={orderId} items={o.items} delivery={o.channel === "delivery"} />
      ) : null}
      <Link to="/orders">Your orders</Link>
    </div>
  );
}

function ChangeOrder({ order }: { order: OrderView }) {
  const { id: orderId, version, items } = order;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(trpc.order.cancelOrder.mutationOptions());
  const update = useMutation(trpc.order.updateOrder.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [error, setError] = useState("");
  // A change saved here, or by the builder just before it came back here.
  const [saved, setSaved] = useState(() => takeOrderChange(orderId));
  const [adding, setAdding] = useState("");
  const menu = useQuery({
    ...trpc.menu.getMenu.queryOptions({ storeId: order.storeId }),
    enabled: editing,
    staleTime: 30_000,
  });
  const qty = (l: OrderLine) => quantities[l.lineNo] ?? l.quantity;
  const money = (n: number) => orderMoney(n, order.currency);

  async function doCancel() {
    setError("");
    try {
      await cancel.mutateAsync({ orderId, expectedVersion: version, reason: "Cancelled by the customer" });
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function save() {
    setError("");
    setSaved(null);
    const lines = items.filter((l) => qty(l) > 0).map((l) => orderLineAsCart(l, qty(l)));
    if (lines.length === 0) return setError("An order needs at least one item; cancel it instead.");
    try {
      const change = await update.mutateAsync({ orderId, expectedVersion: version, items: lines });
      setEditing(false);
      setQuantities({});
      setSaved({ orderId, previousTotal: order.total, change });
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section className="card stack stack--tight" aria-labelledby="change-h">
      <h2 id="change-h">Change or cancel</h2>
      <p className="small">
        The kitchen has not started yet: you can still change your pizzas, add or remove items, or cancel. A
        card payment gets back what a change saves; an order already paid by card cannot be made dearer.
      </p>
      {saved ? (
        <div className="promo-ok stack stack--tight" role="status" data-testid="order-changed">
          <p>
            Your order was updated. New total {money(saved.change.total)} (was {money(saved.previousTotal)}).
          </p>
          {saved.change.payment.refunded > 0 ? (
            <p>{money(saved.change.payment.refunded)} goes back to your card.</p>
          ) : null}
          {saved.change.promoNote ? <p>{saved.change.promoNote}</p> : null}
        </div>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      {editing ? (
        <div className="stack stack--tight">
          <ul className="stack stack--tight">
            {items.map((l) => (
              <li key={l.lineNo} className="row row--between" data-testid="change-line">
                <span>
                  {l.name}{" "}
                  <Link
                    to={`/build?order=${orderId}&line=${l.lineNo}`}
                    className="small"
                    aria-label={`Change ${l.name}`}
                  >
                    Change
                  </Link>
                </span>
                <span className="qty">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`One fewer ${l.name}`}
                    onClick={() => setQuantities((q) => ({ ...q, [l.lineNo]: Math.max(0, qty(l) - 1) }))}
                  >
                    −
                  </button>
                  <output aria-label={`Quantity of ${l.name}`}>{qty(l)}</output>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`One more ${l.name}`}
                    onClick={() => setQuantities((q) => ({ ...q, [l.lineNo]: Math.min(20, qty(l) + 1) }))}
                  >
                    +
                  </button>
                </span>
              </li>
            ))}
          </ul>
          {menu.data ? (
            <div className="row">
              <label className="field__label" htmlFor="add-item">
                Add an item
              </label>
              <select
                id="add-item"
                className="input input--small"
                value={adding}
                onChange={(e) => setAdding(e.target.value)}
              >
                <option value="">Choose…</option>
                {menu.data.items
                  .filter((i) => i.available)
                  .map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name}
                    </option>
                  ))}
              </select>
              <button
                type="button"
                className="button button--small"
                disabled={!adding}
                onClick={() => navigate(`/build?order=${orderId}&item=${encodeURIComponent(adding)}`)}
              >
                Choose options
              </button>
            </div>
          ) : null}
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              onClick={save}
              disabled={update.isPending}
            >
              {update.isPending ? "Saving…" : "Save changes"}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Never mind
            </button>
          </div>
        </div>
      ) : confirming ? (
        <div className="row">
          <button
            type="button"
            className="button button--danger"
            onClick={doCancel}
            disabled={cancel.isPending}
          >
            {cancel.isPending ? "Cancelling…" : "Yes, cancel my order"}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Change order
          </button>
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Cancel order
          </button>
        </div>
      )}
    </section>
  );
}

function Review({
  orderId,
  delivery,
}: {
  orderId: string;
  items: { itemId: string; name: string }[];
  delivery: boolean;
}) {
  const trpc = useTRPC();
  const submit = useMutation(trpc.review.submitReview.mutationOptions());
  const [overall, setOverall] = useState(0);
  const [driver, setDriver] = useState(0);
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  async function send(event: FormEvent) {
    event.preventDefault();
    setError("");
    if (overall === 0) return setError("Choose from 1 to 5 stars.");
    try {
      await submit.mutateAsync({
        orderId,
        overall: { rating: overall, ...(text.trim() ? { text: text.trim() } : {}) },
        ...(delivery && driver > 0 ? { driver: { rating: driver } } : {}),
      });
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  if (submit.isSuccess)
    return (
      <p className="success" role="status">
        Thank you for your review!
      </p>
    );
  return (
    <form className="card stack" onSubmit={send} aria-labelledby="review-h">
      <h2 id="review-h">How was it?</h2>
      <StarInput label="Overall" value={overall} onChange={setOverall} />
      {delivery ? <StarInput label="Delivery" value={driver} onChange={setDriver} /> : null}
      <label className="field">
        <span className="field__label">Tell us more (optional)</span>
        <textarea
          className="input"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={2000}
        />
      </label>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={submit.isPending}>
        Send review
      </button>
    </form>
  );
}

function StarInput({ label, value, onChange }: { label: string; value: number; onChange(n: number): void }) {
  return (
    <fieldset className="stars">
      <legend className="field__label">{label}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className="stars__star">
          <input type="radio" name={`stars-${label}`} checked={value === n} onChange={() => onChange(n)} />
          <span aria-hidden="true">{n <= value ? "★" : "☆"}</span>
          <span className="visually-hidden">
            {n} star{n > 1 ? "s" : ""}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
