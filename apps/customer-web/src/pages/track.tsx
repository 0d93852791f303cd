// The tracking page: an order's status live, its progress, the delivery map, its lines and total, and
// (by status) changing or cancelling it, or reviewing it.
import { errorMessage } from "@pizza/ui";
import { SocketProvider } from "@pizza/ui/socket";
import { ChangeOrder } from "../components/track/change-order.tsx";
import { DeliveryMap } from "../components/track/delivery-map.tsx";
import { OrderProgress, OrderStatusLine } from "../components/track/order-progress.tsx";
import { Review } from "../components/track/review-form.tsx";
import { useT } from "../i18n/index.tsx";
import { useTracking } from "../lib/use-tracking.ts";
import { orderMoney } from "../money.ts";
import { Link, useLocation } from "../router.tsx";

export default function TrackRoute() {
  return (
    <SocketProvider>
      <TrackPage />
    </SocketProvider>
  );
}

function TrackPage() {
  const tr = useT();
  const { query } = useLocation();
  const orderId = query.get("order") ?? "";
  const { feed, track, order, delivery, status, cells, markers } = useTracking(orderId);

  if (!orderId) return <div className="page">{tr("track.noOrder")}</div>;
  if (track.isError) return <div className="page alert alert--error">{errorMessage(track.error)}</div>;
  if (!track.data || !order.data)
    return (
      <div className="page" role="status">
        {tr("track.loading")}
      </div>
    );
  const t = track.data;
  const o = order.data;
  const current = status ?? t.status;
  const eta = delivery.data?.etaDropoffAt ?? t.eta;
  const connection = feed.connection.status;

  return (
    <div className="page page--wide stack track">
      <div className="track__head">
        <h1>{tr("pay.orderNumber", { number: t.orderNumber })}</h1>
        <span className={`live live--${connection}`} role="status" data-testid="live-state">
          {connection === "connected"
            ? tr("track.live")
            : connection === "idle"
              ? ""
              : tr("track.reconnecting")}
        </span>
      </div>
      <OrderStatusLine track={t} channel={o.channel} current={current} eta={eta} />
      <OrderProgress track={t} channel={o.channel} current={current} />
      {o.channel === "delivery" ? (
        <DeliveryMap cells={cells} markers={markers} delivery={delivery.data} current={current} />
      ) : null}

      <section className="card stack stack--tight" aria-label={tr("track.yourOrder")}>
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
          <strong>{tr("breakdown.total")}</strong> <strong>{orderMoney(o.total, o.currency)}</strong>
        </p>
      </section>

      {current === "placed" || current === "pending_payment" ? <ChangeOrder order={o} /> : null}
      {current === "delivered" || current === "picked_up" ? (
        <Review orderId={orderId} items={o.items} delivery={o.channel === "delivery"} />
      ) : null}
      <Link to="/orders">{tr("title.orders")}</Link>
    </div>
  );
}
