// The Reports tab (issue 22), for store managers (their store), region managers (a store of their region
// or the region) and head office (a store, its region or the chain): filters, summary tiles, charts with
// their tables, and a CSV of every figure. Loaded lazily with Chart.js, so the kitchen display's bundle
// does not carry them.
import { currencyDigits, errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ReportChart } from "./report-chart.tsx";
import { reportCsv } from "./report-csv.ts";
import {
  defaultForm,
  periodLabels,
  type ReportForm,
  type ReportInput,
  reportInput,
  type Scope,
} from "./report-filter.ts";
import { ReportFilters } from "./report-filters.tsx";
import {
  DeliveryTable,
  DriversTable,
  KitchenTable,
  RatingsTable,
  SalesTable,
  stageName,
} from "./report-tables.tsx";
import { ReportTiles } from "./report-tiles.tsx";
import type { ReportData } from "./store-api-types.ts";
import "./reports.css";

function useReports(input: ReportInput) {
  const trpc = useTRPC();
  const queries = [
    useQuery(trpc.reports.sales.queryOptions(input)),
    useQuery(trpc.reports.deliveryTimes.queryOptions(input)),
    useQuery(trpc.reports.kitchenTimes.queryOptions(input)),
    useQuery(trpc.reports.drivers.queryOptions(input)),
    useQuery(trpc.reports.costs.queryOptions(input)),
    useQuery(trpc.reports.ratings.queryOptions(input)),
  ] as const;
  const error = queries.find((q) => q.error)?.error ?? null;
  const [sales, delivery, kitchen, drivers, costs, ratings] = queries.map((q) => q.data);
  const data =
    sales && delivery && kitchen && drivers && costs && ratings
      ? ({ sales, delivery, kitchen, drivers, costs, ratings } as ReportData)
      : null;
  return { data, error, fetching: queries.some((q) => q.isFetching) };
}

function download(d: ReportData, input: ReportInput) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([reportCsv(d)], { type: "text/csv;charset=utf-8" }));
  link.download = `report-${input.from}-to-${input.to}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function Charts({ d, form }: { d: ReportData; form: ReportForm }) {
  const by = form.bucket;
  const labels = periodLabels(form);
  const currencies = d.sales.totals.map((t) => t.currency);
  const valueAt = (c: string, l: string, f: (b: ReportData["sales"]["buckets"][number]) => number) => {
    const b = d.sales.buckets.find((x) => x.currency === c && x.bucket === l);
    return b ? f(b) : 0;
  };
  const note = "The table below lists every figure.";
  return (
    <div className="report-charts">
      <ReportChart
        testId="chart-orders"
        title={`Orders by ${by}`}
        kind="bar"
        labels={labels}
        series={currencies.map((c) => ({
          label: `Orders (${c})`,
          values: labels.map((l) => valueAt(c, l, (b) => b.orders)),
        }))}
        summary={`Orders by ${by} over ${labels.length} periods. ${note}`}
      />
      <ReportChart
        testId="chart-sales"
        title={`Sales by ${by}`}
        kind="line"
        labels={labels}
        series={currencies.map((c) => ({
          label: `Sales (${c})`,
          values: labels.map((l) => valueAt(c, l, (b) => b.sales) / 10 ** currencyDigits(c)),
        }))}
        summary={`Sales by ${by}, one line per currency. ${note}`}
      />
      <ReportChart
        testId="chart-kitchen"
        title="Kitchen stage times (minutes)"
        kind="bar"
        labels={d.kitchen.stages.map((s) => stageName(s.stage))}
        series={[
          { label: "Median", values: d.kitchen.stages.map((s) => (s.p50 === null ? null : s.p50 / 60)) },
          {
            label: "90th percentile",
            values: d.kitchen.stages.map((s) => (s.p90 === null ? null : s.p90 / 60)),
          },
        ]}
        summary={`Median and 90th percentile minutes in each kitchen stage. ${note}`}
      />
      <ReportChart
        testId="chart-ratings"
        title={`Average rating by ${by}`}
        kind="line"
        labels={labels}
        series={[
          {
            label: "Average rating",
            values: labels.map((l) => d.ratings.buckets.find((b) => b.bucket === l)?.average ?? null),
          },
        ]}
        summary={`Average rating by ${by} from ${d.ratings.count} reviews. ${note}`}
      />
    </div>
  );
}

/**
 * The Reports tab of a store (managers, region managers, admins; the tab is not offered to crew). What
 * `reports.access` says decides the scopes: the chain for head office, the store's region for head office
 * and the region's manager, the store alone for a store manager.
 */
export default function ReportsPanel(props: {
  store: { id: string; regionCode: string };
  access: { chain: boolean; regionCode: string | null };
}) {
  const scopes: Scope[] = props.access.chain
    ? ["store", "region", "chain"]
    : props.access.regionCode
      ? ["store", "region"]
      : ["store"];
  const [form, setForm] = useState<ReportForm>(() => defaultForm());
  const input = reportInput(form, props.store);
  const { data, error, fetching } = useReports(input);
  return (
    <section className="card stack panel-wide" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      <p className="muted small">
        Days are each store's local days. Money stays in each currency. Late: handed over after the time the
        customer was promised.
      </p>
      <ReportFilters initial={form} scopes={scopes} onApply={setForm} />
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      {data ? (
        <div className="stack" aria-busy={fetching}>
          <div className="row">
            <button type="button" className="button" onClick={() => download(data, input)}>
              Download CSV
            </button>
          </div>
          <ReportTiles d={data} />
          <Charts d={data} form={form} />
          <SalesTable d={data} />
          <DeliveryTable d={data} />
          <KitchenTable d={data} />
          <DriversTable d={data} />
          <RatingsTable d={data} />
        </div>
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
