// What the store is doing now: open or closed, delivering or paused, today's hours.
import type { Store } from "./store-api-types.ts";

export const spansText = (spans: [string, string][]) =>
  spans.length === 0 ? "Closed all day" : spans.map(([a, b]) => `${a}–${b}`).join(", ");

export function StoreStatus({ store }: { store: Store }) {
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
