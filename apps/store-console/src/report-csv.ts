// The Reports tab's CSV: every figure on screen, one per row in a long format a spreadsheet pivots easily
// (report, bucket, currency, metric, value); money in minor units beside its currency, times in seconds.
import { type CsvValue, toCsv } from "./csv.ts";
import type { ReportData } from "./store-api-types.ts";

export const REPORT_CSV_HEADER = ["report", "bucket", "currency", "metric", "value"];

type Row = [string, string, string, string, CsvValue];

function spreads(
  report: string,
  name: string,
  s: { count: number; p50: number | null; p90: number | null },
): Row[] {
  return [
    [report, "", "", `${name}_count`, s.count],
    [report, "", "", `${name}_p50_s`, s.p50],
    [report, "", "", `${name}_p90_s`, s.p90],
  ];
}

export function reportRows(d: ReportData): Row[] {
  const rows: Row[] = [];
  for (const t of d.sales.totals) {
    rows.push(
      ["sales", "", t.currency, "orders", t.orders],
      ["sales", "", t.currency, "cancelled", t.cancelled],
    );
    rows.push(
      ["sales", "", t.currency, "sales_minor", t.sales],
      ["sales", "", t.currency, "average_ticket_minor", t.averageTicket],
    );
  }
  for (const b of d.sales.buckets)
    rows.push(
      ["sales", b.bucket, b.currency, "orders", b.orders],
      ["sales", b.bucket, b.currency, "sales_minor", b.sales],
    );
  rows.push(
    ["delivery", "", "", "delivered", d.delivery.delivered],
    ["delivery", "", "", "late", d.delivery.late],
  );
  rows.push(...spreads("delivery", "placed_to_out", d.delivery.placedToOut));
  rows.push(...spreads("delivery", "out_to_delivered", d.delivery.outToDelivered));
  rows.push(...spreads("delivery", "placed_to_delivered", d.delivery.placedToDelivered));
  for (const s of d.kitchen.stages) rows.push(...spreads("kitchen", s.stage, s));
  for (const x of d.drivers.drivers) {
    rows.push(
      ["drivers", x.name, "", "shift_s", x.shiftSeconds],
      ["drivers", x.name, "", "busy_s", x.busySeconds],
    );
    rows.push(
      ["drivers", x.name, "", "deliveries", x.deliveries],
      ["drivers", x.name, "", "utilisation", x.utilisation],
    );
  }
  rows.push(["drivers", "", "", "utilisation", d.drivers.utilisation]);
  for (const c of d.costs.currencies) {
    rows.push(
      ["costs", "", c.currency, "promo_orders", c.promoOrders],
      ["costs", "", c.currency, "promo_cost_minor", c.promoCost],
    );
    rows.push(
      ["costs", "", c.currency, "reward_orders", c.rewardOrders],
      ["costs", "", c.currency, "reward_cost_minor", c.rewardCost],
    );
    rows.push(["costs", "", c.currency, "points_redeemed", c.pointsRedeemed]);
    rows.push(
      ["costs", "", c.currency, "deal_orders", c.dealOrders],
      ["costs", "", c.currency, "deal_cost_minor", c.dealCost],
    );
  }
  for (const b of d.ratings.buckets)
    rows.push(["ratings", b.bucket, "", "count", b.count], ["ratings", b.bucket, "", "average", b.average]);
  return rows;
}

export const reportCsv = (d: ReportData): string => toCsv(REPORT_CSV_HEADER, reportRows(d));
