// What the driver earned: the figures of a shift, a day or a week (deliveries, distance, time, fees, tips
// by kind, earnings, cash to hand in), and the weekly summary (this week / last week, per day and totals).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { duration, km, money } from "./format.ts";

export interface Figures {
  deliveries: number;
  distanceM: number;
  onShiftS: number;
  onDeliveryS: number;
  fees: number;
  tipsCard: number;
  tipsCash: number;
  earnings: number;
  cashToHandIn: number;
  currency: string;
}

/** Time, money and cash of a shift or a week, as a list of labelled figures. */
export function EarningsFigures({ figures: f, testId }: { figures: Figures; testId: string }) {
  const rows: [string, string, string][] = [
    ["On shift", duration(f.onShiftS), "on-shift"],
    ["On deliveries", duration(f.onDeliveryS), "on-delivery"],
    ["Delivery fees", money(f.fees, f.currency), "fees"],
    ["Card tips", money(f.tipsCard, f.currency), "tips-card"],
    ["Cash tips (yours to keep)", money(f.tipsCash, f.currency), "tips-cash"],
    ["Earnings", money(f.earnings, f.currency), "earnings"],
    ["Cash to hand in", money(f.cashToHandIn, f.currency), "cash-to-hand-in"],
  ];
  return (
    <dl className="facts" data-testid={testId}>
      {rows.map(([label, value, id]) => (
        <div key={id}>
          <dt className="muted small">{label}</dt>
          <dd data-testid={`${testId}-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Week = "thisWeek" | "lastWeek";

/** This week or last week in the store's time zone: a line per day, then the totals. */
export function WeeklyEarnings() {
  const trpc = useTRPC();
  const weeks = useQuery({ ...trpc.delivery.weeklyEarnings.queryOptions(), refetchInterval: 60_000 });
  const [week, setWeek] = useState<Week>("thisWeek");
  const data = weeks.data;
  const shown = data?.[week];
  const day = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    });
  return (
    <section className="card stack" aria-labelledby="week-title" data-testid="weekly-earnings">
      <h2 id="week-title">Your week</h2>
      <fieldset className="segmented">
        <legend className="segmented__legend">Week</legend>
        {(
          [
            ["thisWeek", "This week"],
            ["lastWeek", "Last week"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="segmented__option">
            <input
              type="radio"
              name="earnings-week"
              value={value}
              checked={week === value}
              onChange={() => setWeek(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      {weeks.isPending ? <p className="muted">Loading your week…</p> : null}
      {weeks.error && !weeks.data ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(weeks.error)}
        </div>
      ) : null}
      {data && shown ? (
        <>
          <table className="week-table" data-testid="week-days">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Orders</th>
                <th scope="col">Driven</th>
                <th scope="col">Earned</th>
              </tr>
            </thead>
            <tbody>
              {shown.days.map((d) => (
                <tr key={d.date} data-testid="week-day" data-date={d.date}>
                  <th scope="row">{day(d.date)}</th>
                  <td>{d.deliveries}</td>
                  <td>{km(d.distanceM)}</td>
                  <td>{money(d.earnings, d.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="small">
            Week total: {shown.totals.deliveries} {shown.totals.deliveries === 1 ? "delivery" : "deliveries"},{" "}
            {km(shown.totals.distanceM)}
          </h3>
          <EarningsFigures figures={shown.totals} testId="week-totals" />
          <p className="muted small">
            {money(data.feePerDelivery, data.currency)} per delivery from your store, plus tips. Cash tips
            stay with you; hand in the rest of the cash you collected.
          </p>
        </>
      ) : null}
    </section>
  );
}
