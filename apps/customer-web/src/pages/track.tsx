// The tracking page: an order's status live, its progress, the delivery map, its lines and price
// breakdown, and (by status) changing or cancelling it, or reviewing it. At /t/<token> it shows the order
// a tracking link opens, read-only and without an account.
import { errorMessage } from "@pizza/ui";
import { SocketProvider } from "@pizza/ui/socket";
import { useEffect, useState } from "react";
import { OrderHelp } from "../components/help/order-help.tsx";
import { ChangeOrder } from "../components/track/change-order.tsx";
import { DeliveryMap } from "../components/track/delivery-map.tsx";
import { DeliveryProof } from "../components/track/delivery-proof.tsx";
import { DriverArriving } from "../components/track/driver-arriving.tsx";
import { HandoverCode } from "../components/track/handover-code.tsx";
import { isFinished, LiveBadge } from "../components/track/live-badge.tsx";
import { NotifyMe } from "../components/track/notify-me.tsx";
import { OrderProgress, OrderStatusLine } from "../components/track/order-progress.tsx";
import { OrderSummary } from "../components/track/order-summary.tsx";
import { Review } from "../components/track/review-form.tsx";
import { TrackLinkCard } from "../components/track/track-link-card.tsx";
import { useT } from "../i18n/index.tsx";
import { useTracking } from "../lib/use-tracking.ts";
import { Link, useLocation } from "../router.tsx";

export default function TrackRoute() {
  const { path } = useLocation();
  const token = path.startsWith("/t/") ? decodeURIComponent(path.slice(3)) : undefined;
  // A finished order is not followed live: the socket closes.
  const [live, setLive] = useState(true);
  return (
    <SocketProvider key={token ?? "own"} trackToken={token} active={live}>
      <TrackPage token={token} onLive={setLive} />
    </SocketProvider>
  );
}

function TrackPage({ token, onLive }: { token: string | undefined; onLive(live: boolean): void }) {
  const tr = useT();
  const { query } = useLocation();
  const orderId = query.get("order") ?? "";
  const { feed, track, order, ownOrder, delivery, status, cells, markers } = useTracking(orderId, token);
  const finished = isFinished(status);
  useEffect(() => onLive(!finished), [finished, onLive]);

  if (!orderId && !token) return <div className="page">{tr("track.noOrder")}</div>;
  if (track.isError)
    return (
      <div className="page stack">
        <p className="alert alert--error">{errorMessage(track.error)}</p>
        {token ? <Link to="/find-order">{tr("find.title")}</Link> : null}
      </div>
    );
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
        <LiveBadge status={current} connection={connection} />
      </div>
      <OrderStatusLine track={t} channel={o.channel} current={current} eta={eta} />
      <DriverArriving
        orderId={orderId}
        current={current}
        arrivingAt={delivery.data?.arrivingAt}
        eta={delivery.data?.etaDropoffAt}
      />
      <HandoverCode code={t.handoverCode} channel={o.channel} current={current} />
      <DeliveryProof current={current} proof={delivery.data?.proof} />
      <OrderProgress track={t} channel={o.channel} current={current} />
      {!token && !["delivered", "picked_up", "cancelled"].includes(current) ? <NotifyMe /> : null}
      {o.channel === "delivery" ? (
        <DeliveryMap cells={cells} markers={markers} delivery={delivery.data} current={current} />
      ) : null}

      <OrderSummary order={o} track={t} />

      {ownOrder && (current === "placed" || current === "pending_payment") ? (
        <ChangeOrder order={ownOrder} />
      ) : null}
      {!token && (current === "delivered" || current === "picked_up") ? (
        <Review orderId={orderId} items={o.items} delivery={o.channel === "delivery"} />
      ) : null}
      {token ? null : <TrackLinkCard orderId={orderId} />}
      {token ? null : <OrderHelp orderId={orderId} status={current} />}
      {token ? (
        <p className="small muted">{tr("track.viaLink")}</p>
      ) : (
        <Link to="/orders">{tr("title.orders")}</Link>
      )}
    </div>
  );
}
