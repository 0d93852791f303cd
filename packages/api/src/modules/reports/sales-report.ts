// Orders and sales by hour, day or week in each store's local time, with the average ticket, per
// currency. An order counts when it was placed in the range (unpaid card orders never count); a cancelled
// one counts only as cancelled. Sales are the orders' totals as charged (tax, fees and tips included,
// refunds not deducted).
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { bucketLabel, type ReportScope, scopedOrders, scopeStores } from "./report-scope.ts";
import type { SalesReport } from "./reports.schemas.ts";

export async function salesReport(db: Kysely<Database>, scope: ReportScope): Promise<SalesReport> {
  const bucket = bucketLabel(scope, sql`so.created_at at time zone so.tz`);
  const { rows: totals } = await sql<{ currency: string; orders: string; cancelled: string; sales: string }>`
    with ${scopeStores(scope)}, ${scopedOrders(scope)}
    select trim(so.currency) as currency,
      count(*) filter (where so.status <> 'cancelled') as orders,
      count(*) filter (where so.status = 'cancelled') as cancelled,
      coalesce(sum(so.total) filter (where so.status <> 'cancelled'), 0) as sales
    from so group by 1 order by 1`.execute(db);
  const { rows: buckets } = await sql<{ bucket: string; currency: string; orders: string; sales: string }>`
    with ${scopeStores(scope)}, ${scopedOrders(scope)}
    select ${bucket} as bucket, trim(so.currency) as currency, count(*) as orders, sum(so.total) as sales
    from so where so.status <> 'cancelled'
    group by 1, 2 order by 1, 2`.execute(db);
  return {
    totals: totals.map((t) => {
      const orders = Number(t.orders);
      const sales = Number(t.sales);
      return {
        currency: t.currency,
        orders,
        cancelled: Number(t.cancelled),
        sales,
        averageTicket: orders > 0 ? Math.round(sales / orders) : null,
      };
    }),
    buckets: buckets.map((b) => ({
      bucket: b.bucket,
      currency: b.currency,
      orders: Number(b.orders),
      sales: Number(b.sales),
    })),
  };
}
