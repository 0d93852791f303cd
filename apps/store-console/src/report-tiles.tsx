// The Reports tab's summary tiles: orders, sales and the average ticket per currency, delivery times,
// late deliveries, ratings, driver utilisation, promo and reward cost.
import { money } from "./money.ts";
import type { ReportData } from "./store-api-types.ts";

export const minutes = (s: number | null) => (s === null ? "—" : `${(s / 60).toFixed(1)} min`);
export const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

function Tile({ label, value, hint, id }: { label: string; value: string; hint: string; id: string }) {
  return (
    <div className="stat" data-testid={`tile-${id}`}>
      <span className="muted small">{label}</span>
      <span className="stat__value">{value}</span>
      <span className="muted small">{hint}</span>
    </div>
  );
}

export function ReportTiles({ d }: { d: ReportData }) {
  const currencies = d.sales.totals;
  return (
    <div className="stats" data-testid="report-tiles">
      <Tile
        id="orders"
        label="Orders"
        value={String(currencies.reduce((n, t) => n + t.orders, 0))}
        hint={`${currencies.reduce((n, t) => n + t.cancelled, 0)} cancelled`}
      />
      {currencies.map((t) => (
        <Tile
          key={t.currency}
          id={`sales-${t.currency}`}
          label={`Sales (${t.currency})`}
          value={money(t.sales, t.currency)}
          hint={`average ticket ${t.averageTicket === null ? "—" : money(t.averageTicket, t.currency)}`}
        />
      ))}
      <Tile
        id="delivery"
        label="Order to door"
        value={minutes(d.delivery.placedToDelivered.p50)}
        hint={`median · p90 ${minutes(d.delivery.placedToDelivered.p90)}`}
      />
      <Tile
        id="late"
        label="Late deliveries"
        value={`${d.delivery.late} of ${d.delivery.delivered}`}
        hint="after the promised time"
      />
      <Tile
        id="ratings"
        label="Rating"
        value={d.ratings.average === null ? "—" : `${d.ratings.average.toFixed(2)} ★`}
        hint={`${d.ratings.count} reviews`}
      />
      <Tile
        id="utilisation"
        label="Driver utilisation"
        value={percent(d.drivers.utilisation)}
        hint="busy / on shift"
      />
      {d.costs.currencies.map((c) => (
        <Tile
          key={c.currency}
          id={`costs-${c.currency}`}
          label={`Promos, rewards and deals (${c.currency})`}
          value={money(c.promoCost + c.rewardCost + c.dealCost, c.currency)}
          hint={`promos ${money(c.promoCost, c.currency)} · rewards ${money(c.rewardCost, c.currency)} · deals ${money(c.dealCost, c.currency)}`}
        />
      ))}
    </div>
  );
}
