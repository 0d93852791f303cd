// Kitchen stage times: how long the orders placed in the range spent in each kitchen stage (placed =
// waiting for the kitchen, preparing, baking, quality check), from one history row to the next, summed
// per order when an undo sent it back, with the median and 90th percentile in whole seconds. Scheduled
// orders' wait in "placed" is by design and left out; cancelled orders' last stage has no end and is not
// counted.
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { type ReportScope, scopedOrders, scopeStores, seconds } from "./report-scope.ts";
import type { KitchenTimesReport } from "./reports.schemas.ts";

const STAGES = ["placed", "preparing", "baking", "quality_check"] as const;

export async function kitchenTimesReport(
  db: Kysely<Database>,
  scope: ReportScope,
): Promise<KitchenTimesReport> {
  const { rows } = await sql<{ stage: string; n: string; p50: number | null; p90: number | null }>`
    with ${scopeStores(scope)}, ${scopedOrders(scope)},
    h as (
      select so.id, so.scheduled_for, h.to_status,
        lead(h.at) over (partition by h.order_id order by h.at, h.id) - h.at as spent,
        lead(h.to_status) over (partition by h.order_id order by h.at, h.id) as next_status
      from so join order_status_history h on h.order_id = so.id
    ),
    per_order as (
      select id, to_status as stage, extract(epoch from sum(spent)) as s
      from h
      where to_status in ('placed', 'preparing', 'baking', 'quality_check')
        and spent is not null and next_status <> 'cancelled'
        and not (to_status = 'placed' and scheduled_for is not null)
      group by id, to_status
    )
    select stage, count(*) as n,
      percentile_cont(0.5) within group (order by s) as p50,
      percentile_cont(0.9) within group (order by s) as p90
    from per_order group by stage`.execute(db);
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return {
    stages: STAGES.map((stage) => {
      const r = byStage.get(stage);
      return { stage, count: Number(r?.n ?? 0), p50: seconds(r?.p50), p90: seconds(r?.p90) };
    }),
  };
}
