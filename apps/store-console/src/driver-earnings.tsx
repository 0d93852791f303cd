// The store's drivers' earnings for the manager (issue 20): per driver the open shift's and this week's
// deliveries, time, earnings (fees + tips) and cash to hand in, and a CSV download of every delivery of
// this or last week (`delivery.earningsExport`: one row per delivery, money in minor units + currency).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toCsv } from "./csv.ts";
import { FormNote } from "./form-note.tsx";
import { money } from "./money.ts";
import type { RosterDriver } from "./store-api-types.ts";

type Figures = RosterDriver["earnings"]["week"];

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

function FigureCells({ f, testId }: { f: Figures | null; testId: string }) {
  if (!f)
    return (
      <td colSpan={3} className="muted small" data-testid={testId}>
        Off shift
      </td>
    );
  return (
    <>
      <td data-testid={`${testId}-deliveries`}>
        {f.deliveries} <span className="muted small">({hours(f.onShiftS)})</span>
      </td>
      <td data-testid={`${testId}-earnings`}>
        {money(f.earnings, f.currency)}
        <div className="muted small">
          fees {money(f.fees, f.currency)} · card tips {money(f.tipsCard, f.currency)} · cash tips{" "}
          {money(f.tipsCash, f.currency)}
        </div>
      </td>
      <td data-testid={`${testId}-cash`}>{money(f.cashToHandIn, f.currency)}</td>
    </>
  );
}

const HEADER = [
  "driver",
  "delivered_at",
  "order_number",
  "payment",
  "minutes_on_delivery",
  "fee",
  "tip_card",
  "tip_cash",
  "earnings",
  "cash_to_hand_in",
  "currency",
];

/** Asks for the week's rows and saves them as a CSV file. */
function useCsvDownload(storeId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState("");
  const download = async (week: "this" | "last") => {
    setError("");
    try {
      const out = await queryClient.fetchQuery(
        trpc.delivery.earningsExport.queryOptions({ storeId, week }, { staleTime: 0 }),
      );
      const csv = toCsv(
        HEADER,
        out.rows.map((r) => [
          r.driverName,
          r.deliveredAt,
          r.orderNumber,
          r.paymentMethod,
          Math.round(r.onDeliveryS / 60),
          r.fee,
          r.tipCard,
          r.tipCash,
          r.earnings,
          r.cashToHandIn,
          r.currency,
        ]),
      );
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      link.download = `driver-earnings-${out.from.slice(0, 10)}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return { download, error };
}

export function DriverEarnings({ storeId, drivers }: { storeId: string; drivers: RosterDriver[] }) {
  const { download, error } = useCsvDownload(storeId);
  return (
    <section className="card stack panel-wide" aria-labelledby="earnings-title">
      <h2 id="earnings-title">Earnings</h2>
      {/* Scrolls sideways on a phone: focusable so a keyboard can scroll it too (WCAG 2.1.1). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus */}
      <section className="table-wrap" aria-labelledby="earnings-title" tabIndex={0}>
        <table className="table" data-testid="driver-earnings">
          <thead>
            <tr>
              <th scope="col">Driver</th>
              <th scope="col">Shift deliveries</th>
              <th scope="col">Shift earnings</th>
              <th scope="col">Shift cash to hand in</th>
              <th scope="col">Week deliveries</th>
              <th scope="col">Week earnings</th>
              <th scope="col">Week cash to hand in</th>
            </tr>
          </thead>
          <tbody>
            {drivers.map((d) => (
              <tr key={d.driverId} data-testid="driver-earnings-row" data-driver={d.name}>
                <th scope="row">{d.name}</th>
                <FigureCells f={d.earnings.shift} testId="shift" />
                <FigureCells f={d.earnings.week} testId="week" />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="row">
        <button type="button" className="button button--small" onClick={() => void download("this")}>
          Download CSV (this week)
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => void download("last")}
        >
          Download CSV (last week)
        </button>
      </div>
      <p className="muted small">
        Earnings are the store's fee per delivery plus tips. Cash tips stay with the driver; the cash to hand
        in is what cash customers paid less their tips.
      </p>
      <FormNote note={error ? { ok: false, text: error } : null} />
    </section>
  );
}
