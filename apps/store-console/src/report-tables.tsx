// The Reports tab's tables: every figure the charts draw, as text (the charts' alternative), and the
// figures that have no chart (delivery times, drivers).
import type { ReactNode } from "react";
import { money } from "./money.ts";
import { minutes, percent } from "./report-tiles.tsx";
import type { ReportData } from "./store-api-types.ts";

const STAGE_NAMES: Record<string, string> = {
  placed: "Waiting (placed)",
  preparing: "Preparing",
  baking: "Baking",
  quality_check: "Quality check",
};
export const stageName = (s: string) => STAGE_NAMES[s] ?? s;

function Table({
  title,
  id,
  head,
  children,
}: {
  title: string;
  id: string;
  head: string[];
  children: ReactNode;
}) {
  return (
    // A table wider than a phone scrolls sideways: focusable so a keyboard can scroll it too (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
    <section className="table-wrap" aria-labelledby={`${id}-title`} tabIndex={0}>
      <table className="table" data-testid={id}>
        <caption id={`${id}-title`}>{title}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

export function SalesTable({ d }: { d: ReportData }) {
  return (
    <Table title="Orders and sales" id="report-sales" head={["Period", "Orders", "Sales"]}>
      {d.sales.buckets.map((b) => (
        <tr key={`${b.bucket}-${b.currency}`}>
          <th scope="row">{b.bucket}</th>
          <td>{b.orders}</td>
          <td>{money(b.sales, b.currency)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function DeliveryTable({ d }: { d: ReportData }) {
  const rows = [
    ["Placed → out", d.delivery.placedToOut],
    ["Out → delivered", d.delivery.outToDelivered],
    ["Placed → delivered", d.delivery.placedToDelivered],
  ] as const;
  return (
    <Table
      title="Delivery times"
      id="report-delivery"
      head={["Stretch", "Orders", "Median", "90th percentile"]}
    >
      {rows.map(([name, s]) => (
        <tr key={name}>
          <th scope="row">{name}</th>
          <td>{s.count}</td>
          <td>{minutes(s.p50)}</td>
          <td>{minutes(s.p90)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function KitchenTable({ d }: { d: ReportData }) {
  return (
    <Table
      title="Kitchen stage times"
      id="report-kitchen"
      head={["Stage", "Orders", "Median", "90th percentile"]}
    >
      {d.kitchen.stages.map((s) => (
        <tr key={s.stage}>
          <th scope="row">{stageName(s.stage)}</th>
          <td>{s.count}</td>
          <td>{minutes(s.p50)}</td>
          <td>{minutes(s.p90)}</td>
        </tr>
      ))}
    </Table>
  );
}

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

export function DriversTable({ d }: { d: ReportData }) {
  return (
    <Table
      title="Drivers"
      id="report-drivers"
      head={["Driver", "On shift", "Busy", "Deliveries", "Utilisation"]}
    >
      {d.drivers.drivers.map((x) => (
        <tr key={x.driverId}>
          <th scope="row">{x.name}</th>
          <td>{hours(x.shiftSeconds)}</td>
          <td>{hours(x.busySeconds)}</td>
          <td>{x.deliveries}</td>
          <td>{percent(x.utilisation)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function RatingsTable({ d }: { d: ReportData }) {
  return (
    <Table title="Ratings" id="report-ratings" head={["Period", "Reviews", "Average"]}>
      {d.ratings.buckets.map((b) => (
        <tr key={b.bucket}>
          <th scope="row">{b.bucket}</th>
          <td>{b.count}</td>
          <td>{b.average.toFixed(2)} ★</td>
        </tr>
      ))}
    </Table>
  );
}
