import type { AppRouter } from "@pizza/api/router";
import { toMinor } from "@pizza/contracts";
import { currencyDigits, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { lazy, Suspense, useId, useState } from "react";
import { DeliverAction } from "./deliver-action.tsx";
import { addressLine, money, navigationLinks } from "./format.ts";
import { useOutbox } from "./outbox.tsx";
import type { BagCheck } from "./queue.ts";
import { useLocationState } from "./realtime.tsx";

type CurrentDelivery = inferRouterOutputs<AppRouter>["delivery"]["current"][number];

const RouteMap = lazy(() => import("./route-map.tsx"));

/** The deliveries the driver holds, in the order they were assigned; a trip's stops in route order. */
export function CurrentDeliveries({ enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const current = useQuery({ ...trpc.delivery.current.queryOptions(), enabled, refetchInterval: 15_000 });
  // A delivery marked delivered on the device but not yet on the server stays listed (as pending).
  const shown = current.data ?? [];
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((d, i) => (
        <DeliveryCard key={d.deliveryId} delivery={d} position={i + 1} of={shown.length} />
      ))}
    </>
  );
}

function DeliveryCard({
  delivery: d,
  position,
  of,
}: {
  delivery: CurrentDelivery;
  position: number;
  of: number;
}) {
  const { pending, submit } = useOutbox();
  const mine = pending.filter((p) => p.deliveryId === d.deliveryId);
  const pendingDelivered = mine.some((p) => p.kind === "delivered");
  const pendingPickedUp = mine.some((p) => p.kind === "picked_up");
  const stage = pendingDelivered
    ? "delivered"
    : d.status === "picked_up" || pendingPickedUp
      ? "dropoff"
      : "pickup";
  const { fix } = useLocationState();
  const checkId = useId();
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const digits = currencyDigits(d.currency);
  const [cash, setCash] = useState(() => (d.cashDue / 10 ** digits).toFixed(digits));
  const cashMinor = toMinor(cash, digits) ?? Number.NaN;
  const cashValid = Number.isFinite(cashMinor) && cashMinor >= 0;
  const target = stage === "pickup" ? d.store : d.dropoff;
  const links = navigationLinks(target);
  // Every check the server lists is required: "Picked up" stays disabled until all are ticked.
  const labels: Record<BagCheck, string> = {
    order: `Order #${d.orderNumber}`,
    items: `${d.itemCount ?? 0} item${d.itemCount === 1 ? "" : "s"}`,
    drinks: `${d.drinks ?? 0} drink${d.drinks === 1 ? "" : "s"}`,
  };
  const checklist = (d.bagChecks ?? ["order", "items"]).map((key) => ({ key, label: labels[key] }));
  const allChecked = checklist.every((c) => checked[c.key]);

  return (
    <article
      className="card stack delivery"
      data-testid="delivery"
      data-stage={stage}
      aria-labelledby={`d-${d.deliveryId}`}
    >
      <header className="delivery__head">
        <h2 id={`d-${d.deliveryId}`}>
          {stage === "pickup" ? "Pick up" : stage === "dropoff" ? "Deliver" : "Delivered"} · #{d.orderNumber}
        </h2>
        {d.trip && d.trip.stops > 1 ? (
          <span className="badge" data-testid="trip-stop">
            Trip stop {d.trip.stop} of {d.trip.stops}
          </span>
        ) : of > 1 ? (
          <span className="badge">
            {position} of {of}
          </span>
        ) : null}
      </header>

      {mine.length > 0 ? (
        <p className="pending" role="status" data-testid="pending">
          <span className="pending__dot" aria-hidden="true" />
          {pendingDelivered ? "Delivered" : "Picked up"} — pending, will be sent when you are back online
        </p>
      ) : null}

      {stage === "delivered" ? null : (
        <>
          <Suspense fallback={<div className="route-map route-map--loading">Loading map…</div>}>
            <RouteMap
              store={d.store}
              dropoff={d.dropoff}
              driver={fix ? { lat: fix.lat, lng: fix.lng } : null}
            />
          </Suspense>

          <div className="nav-links">
            <a
              className="button button--primary"
              href={links.https}
              target="_blank"
              rel="noreferrer"
              data-testid="navigate"
            >
              Navigate to {stage === "pickup" ? "the store" : "the customer"}
            </a>
            <a className="button button--small button--ghost" href={links.geo}>
              Open in maps app
            </a>
          </div>
        </>
      )}

      {stage === "pickup" ? (
        <>
          <div className="muted">
            <strong>{d.store.name}</strong> · {d.store.address}
          </div>
          <fieldset className="checklist">
            <legend>Check the bag</legend>
            {checklist.map((c) => (
              <label key={c.key} className="checkbox" htmlFor={`${checkId}-${c.key}`}>
                <input
                  id={`${checkId}-${c.key}`}
                  type="checkbox"
                  checked={checked[c.key] ?? false}
                  onChange={(e) => setChecked((s) => ({ ...s, [c.key]: e.target.checked }))}
                />
                <span>{c.label}</span>
              </label>
            ))}
          </fieldset>
          {d.items?.length ? (
            <ul className="items small">
              {d.items.map((it, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one order, fixed order
                <li key={i}>
                  {it.quantity} × {it.name}
                </li>
              ))}
            </ul>
          ) : null}
          <button
            type="button"
            className="button button--primary button--block"
            disabled={pendingPickedUp || !allChecked}
            onClick={() =>
              void submit({
                kind: "picked_up",
                deliveryId: d.deliveryId,
                orderNumber: d.orderNumber,
                checks: checklist.map((c) => c.key),
              })
            }
          >
            Picked up
          </button>
          {allChecked ? null : <p className="muted small">Tick every check on the bag to pick it up.</p>}
        </>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Address</dt>
              <dd>{addressLine(d.dropoff.address)}</dd>
            </div>
            {d.notes ? (
              <div>
                <dt>Notes</dt>
                <dd data-testid="notes">{d.notes}</dd>
              </div>
            ) : null}
            <div>
              <dt>Customer</dt>
              <dd>
                {d.customer?.name || "Customer"}
                {d.customer?.phone ? (
                  <>
                    {" · "}
                    <a href={`tel:${d.customer.phone}`}>Call {d.customer.phone}</a>
                  </>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Payment</dt>
              <dd>
                {d.paymentMethod === "cash"
                  ? `Cash: collect ${money(d.cashDue, d.currency)}`
                  : "Paid by card"}
              </dd>
            </div>
          </dl>
          {d.paymentMethod === "cash" && !pendingDelivered ? (
            <div className="field">
              <label className="field__label" htmlFor={`${checkId}-cash`}>
                Cash collected ({d.currency})
              </label>
              <input
                id={`${checkId}-cash`}
                className="input"
                inputMode="decimal"
                value={cash}
                onChange={(e) => setCash(e.target.value)}
              />
            </div>
          ) : null}
          <DeliverAction
            delivery={d}
            disabled={pendingDelivered || (d.paymentMethod === "cash" && !cashValid)}
            cashCollected={d.paymentMethod === "cash" ? cashMinor : undefined}
          />
        </>
      )}
    </article>
  );
}
