// Driver utilisation: per driver, the time on shift at the stores in scope within the range (an open
// shift counts up to now) and the time busy with a delivery (assigned → delivered; a trip's overlapping
// deliveries counted once, through a multirange union), both clipped to the range; utilisation = busy /
// shift. Deliveries handed over in the range are counted. The channel filter does not apply (drivers only
// deliver).
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { type ReportScope, scopeStores } from "./report-scope.ts";
import type { DriverUtilisationReport } from "./reports.schemas.ts";

interface Row {
  driver_id: string;
  name: string;
  shift_s: number | string;
  busy_s: number | string;
  deliveries: number | string;
}

const ratio = (busy: number, shift: number) => (shift > 0 ? Math.round((busy / shift) * 1000) / 1000 : null);

export async function driverUtilisationReport(
  db: Kysely<Database>,
  scope: ReportScope,
  now: Date,
): Promise<DriverUtilisationReport> {
  const { rows } = await sql<Row>`
    with ${scopeStores(scope)},
    shifts as (
      select ds.driver_id,
        sum(extract(epoch from least(coalesce(ds.ended_at, ${now}), sc.hi) - greatest(ds.started_at, sc.lo))) as shift_s
      from driver_shifts ds join sc on sc.store_id = ds.store_id
      where ds.started_at < sc.hi and coalesce(ds.ended_at, ${now}) > sc.lo
      group by ds.driver_id
    ),
    busy_ranges as (
      select d.driver_id,
        range_agg(tstzrange(greatest(d.assigned_at, sc.lo), least(d.delivered_at, sc.hi))) as busy,
        count(*) filter (where d.delivered_at >= sc.lo and d.delivered_at < sc.hi) as deliveries
      from deliveries d join sc on sc.store_id = d.store_id
      where d.status = 'delivered' and d.driver_id is not null
        and d.assigned_at < sc.hi and d.delivered_at > sc.lo and d.assigned_at <= d.delivered_at
      group by d.driver_id
    ),
    busy as (
      select driver_id, deliveries,
        (select coalesce(sum(extract(epoch from upper(r) - lower(r))), 0) from unnest(busy) r) as busy_s
      from busy_ranges
    )
    select u.id as driver_id, u.name, coalesce(s.shift_s, 0) as shift_s, coalesce(b.busy_s, 0) as busy_s,
      coalesce(b.deliveries, 0) as deliveries
    from shifts s full join busy b on b.driver_id = s.driver_id
    join users u on u.id = coalesce(s.driver_id, b.driver_id)
    order by u.name, u.id`.execute(db);
  const drivers = rows.map((r) => {
    const shiftSeconds = Math.round(Number(r.shift_s));
    const busySeconds = Math.round(Number(r.busy_s));
    return {
      driverId: r.driver_id,
      name: r.name,
      shiftSeconds,
      busySeconds,
      deliveries: Number(r.deliveries),
      utilisation: ratio(busySeconds, shiftSeconds),
    };
  });
  const shiftSeconds = drivers.reduce((s, d) => s + d.shiftSeconds, 0);
  const busySeconds = drivers.reduce((s, d) => s + d.busySeconds, 0);
  return { drivers, shiftSeconds, busySeconds, utilisation: ratio(busySeconds, shiftSeconds) };
}
