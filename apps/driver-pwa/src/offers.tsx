import { haversineM } from "@pizza/contracts";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { addressLine, km, money } from "./format.ts";
import { useOfferLink } from "./offer-link.ts";

function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), periodMs);
    return () => window.clearInterval(t);
  }, [periodMs]);
  return now;
}

/** Pending offers (pushed over the socket, polled as a fallback); an expired one disappears. */
export function Offers({ enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const offers = useQuery({ ...trpc.delivery.myOffers.queryOptions(), enabled, refetchInterval: 10_000 });
  const now = useNow(500);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.delivery.myOffers.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.delivery.current.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.delivery.shiftSummary.queryKey() });
  };
  const accept = useMutation(trpc.delivery.acceptOffer.mutationOptions({ onSettled: refresh }));
  const decline = useMutation(trpc.delivery.declineOffer.mutationOptions({ onSettled: refresh }));
  // Opened from a push notification: the offer it named, answered when an action button was tapped.
  const linked = useOfferLink(
    offers.data?.map((o) => o.offerId),
    (offerId, action) => (action === "accept" ? accept : decline).mutate({ offerId }),
  );
  const live = (offers.data ?? []).filter((o) => new Date(o.expiresAt).getTime() > now);
  const error = accept.error ?? decline.error;
  if (live.length === 0 && !error) {
    return enabled ? (
      <p className="muted waiting" data-testid="waiting-for-offers">
        Waiting for delivery offers — keep the app open.
      </p>
    ) : null;
  }
  return (
    <section className="stack" aria-label="Delivery offers">
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      {live.map((o) => {
        const left = Math.max(0, Math.ceil((new Date(o.expiresAt).getTime() - now) / 1000));
        const trip = haversineM(o.store, o.dropoff);
        const busy = accept.isPending || decline.isPending;
        return (
          <article
            key={o.offerId}
            className={`card offer stack${o.offerId === linked ? " offer--linked" : ""}`}
            data-testid="offer"
            data-offer-id={o.offerId}
            aria-labelledby={`offer-${o.offerId}`}
          >
            <header className="offer__head">
              <h2 id={`offer-${o.offerId}`}>
                {o.trip && o.trip.stops > 1
                  ? `Trip · stop ${o.trip.stop} of ${o.trip.stops}`
                  : "New delivery"}
              </h2>
              <span className="offer__timer" role="timer" aria-label={`${left} seconds left to accept`}>
                {left}s
              </span>
            </header>
            {o.trip && o.trip.stops > 1 ? (
              <p className="small" data-testid="offer-trip">
                One trip from the store: accepting takes all {o.trip.stops} stops, declining gives them all
                up.
              </p>
            ) : null}
            <p className="offer__pay" data-testid="offer-pay">
              {money(o.pay, o.currency)}
            </p>
            <dl className="facts">
              <div>
                <dt>Pick up</dt>
                <dd>
                  {o.store.name} · {km(o.distanceM)} away
                </dd>
              </div>
              <div>
                <dt>Drop off</dt>
                <dd>
                  {addressLine(o.dropoff.address)} · {km(trip)} from the store
                </dd>
              </div>
              <div>
                <dt>Order</dt>
                <dd>#{o.orderNumber}</dd>
              </div>
            </dl>
            <div className="offer__actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => decline.mutate({ offerId: o.offerId })}
              >
                Decline
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => accept.mutate({ offerId: o.offerId })}
              >
                Accept
              </button>
            </div>
            <div className="offer__bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, (left / 30) * 100)}%` }} />
            </div>
          </article>
        );
      })}
    </section>
  );
}
