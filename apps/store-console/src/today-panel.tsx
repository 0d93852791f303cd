// The Today tab: the store's numbers for the day, goodwill points for managers and, for admins, the promo codes.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { GoodwillPanel } from "./goodwill-panel.tsx";
import { money } from "./money.ts";
import { Promos } from "./promos-panel.tsx";

const minutes = (ms: number | null) => (ms === null ? "—" : `${(ms / 60_000).toFixed(1)} min`);

/** Today's numbers (staff: their store) and, for admins, promo codes. */
export default function TodayPanel({ storeId, isAdmin }: { storeId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.store.todayStats.queryOptions({ storeId }), refetchInterval: 30_000 });
  const s = stats.data;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="today-title">
        <h2 id="today-title">Today</h2>
        {stats.error ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(stats.error)}
          </div>
        ) : null}
        {s ? (
          <div className="stats" data-testid="today-stats">
            <Stat
              label="Orders"
              value={String(s.orders)}
              hint={`${s.active} open · ${s.cancelled} cancelled`}
            />
            <Stat label="Sales" value={money(s.sales, s.currency)} hint={s.currency} />
            <Stat label="Avg make time" value={minutes(s.avgMakeMs)} hint="placed → ready" />
            <Stat label="Avg delivery" value={minutes(s.avgDeliveryMs)} hint="on the road" />
            <Stat label="Order to door" value={minutes(s.avgOrderToDoorMs)} hint="placed → handed over" />
            <Stat label="Late" value={String(s.late)} hint="past the promised time" />
            <Stat
              label="Ratings"
              value={s.ratings.average === null ? "—" : `${s.ratings.average.toFixed(1)} ★`}
              hint={`${s.ratings.count} today`}
            />
          </div>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      <GoodwillPanel storeId={storeId} />
      {isAdmin ? <Promos /> : null}
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="stat">
      <span className="muted small">{label}</span>
      <span className="stat__value">{value}</span>
      <span className="muted small">{hint}</span>
    </div>
  );
}
