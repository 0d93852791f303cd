// Ratings over time: the reviews written in the range about the stores in scope (hidden ones left out),
// by hour, day or week of the store's local time, with their count and average (two decimals). A review
// rates one thing (the order overall, the service, the driver or an item); all of them count here.
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { bucketLabel, type ReportScope, scopeStores } from "./report-scope.ts";
import type { RatingsReport } from "./reports.schemas.ts";

const twoDecimals = (x: unknown) => Math.round(Number(x) * 100) / 100;

export async function ratingsReport(db: Kysely<Database>, scope: ReportScope): Promise<RatingsReport> {
  const channel = scope.channel
    ? sql`and exists (select 1 from orders o where o.id = rv.order_id and o.channel = ${scope.channel})`
    : sql``;
  const bucket = bucketLabel(scope, sql`rv.created_at at time zone sc.tz`);
  const { rows } = await sql<{ bucket: string; n: string; total: string }>`
    with ${scopeStores(scope)}
    select ${bucket} as bucket, count(*) as n, sum(rv.rating) as total
    from reviews rv join sc on sc.store_id = rv.store_id
    where rv.created_at >= sc.lo and rv.created_at < sc.hi and rv.hidden_at is null ${channel}
    group by 1 order by 1`.execute(db);
  const buckets = rows.map((r) => ({
    bucket: r.bucket,
    count: Number(r.n),
    average: twoDecimals(Number(r.total) / Number(r.n)),
  }));
  const count = buckets.reduce((s, b) => s + b.count, 0);
  const sum = rows.reduce((s, r) => s + Number(r.total), 0);
  return { count, average: count > 0 ? twoDecimals(sum / count) : null, buckets };
}
