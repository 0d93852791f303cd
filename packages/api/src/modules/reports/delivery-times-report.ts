// Delivery times of the delivered orders placed in the range: placed → out for delivery → delivered,
// each with its median and 90th percentile (PostgreSQL's percentile_cont, whole seconds), from the first
// time each order reached each status in its history. Scheduled orders wait on purpose, so they are left
// out of the times. Late: handed over after the `promised_at` the order carried (the time promised at
// placement, or after an edit), any amount past it; scheduled orders count too (promised = their slot).
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { type ReportScope, scopedOrders, scopeStores, seconds } from "./report-scope.ts";
import type { DeliveryTimesReport } from "./reports.schemas.ts";

interface Row {
  delivered: string;
  late: string;
  timed: string;
  out_p50: number | null;
  out_p90: number | null;
  road_p50: number | null;
  road_p90: number | null;
  door_p50: number | null;
  door_p90: number | null;
  out_n: string;
  road_n: string;
}

export async function deliveryTimesReport(
  db: Kysely<Database>,
  scope: ReportScope,
): Promise<DeliveryTimesReport> {
  const { rows } = await sql<Row>`
    with ${scopeStores(scope)}, ${scopedOrders(scope)},
    t as (
      select so.id, so.promised_at, so.scheduled_for,
        min(h.at) filter (where h.to_status = 'placed') as placed,
        min(h.at) filter (where h.to_status = 'out_for_delivery') as out,
        min(h.at) filter (where h.to_status = 'delivered') as delivered
      from so join order_status_history h on h.order_id = so.id
      where so.channel = 'delivery' and so.status = 'delivered'
      group by so.id, so.promised_at, so.scheduled_for
    ),
    d as (
      select t.*,
        case when scheduled_for is null then extract(epoch from out - placed) end as to_out,
        extract(epoch from delivered - out) as on_road,
        case when scheduled_for is null then extract(epoch from delivered - placed) end as to_door
      from t
    )
    select count(*) as delivered,
      count(*) filter (where delivered > promised_at) as late,
      count(to_door) as timed, count(to_out) as out_n, count(on_road) as road_n,
      percentile_cont(0.5) within group (order by to_out) as out_p50,
      percentile_cont(0.9) within group (order by to_out) as out_p90,
      percentile_cont(0.5) within group (order by on_road) as road_p50,
      percentile_cont(0.9) within group (order by on_road) as road_p90,
      percentile_cont(0.5) within group (order by to_door) as door_p50,
      percentile_cont(0.9) within group (order by to_door) as door_p90
    from d`.execute(db);
  const r = rows[0]!;
  return {
    delivered: Number(r.delivered),
    late: Number(r.late),
    placedToOut: { count: Number(r.out_n), p50: seconds(r.out_p50), p90: seconds(r.out_p90) },
    outToDelivered: { count: Number(r.road_n), p50: seconds(r.road_p50), p90: seconds(r.road_p90) },
    placedToDelivered: { count: Number(r.timed), p50: seconds(r.door_p50), p90: seconds(r.door_p90) },
  };
}
