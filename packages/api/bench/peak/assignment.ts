// From the database after the run: how long each delivery order waited, from the kitchen marking it
// ready to a driver holding it (deliveries.assigned_at), and how many ready ones no driver took.
import { type Database, type Kysely, sql } from "@pizza/db";
import { round, spread } from "./recorder.ts";

export interface Assignment {
  /** Seconds from ready to assigned (0 when a driver took it before it was ready). */
  assign_p50_s: number | null;
  assign_p99_s: number | null;
  assign_max_s: number | null;
  /** Deliveries assigned / ready delivery orders with no driver when the run ended. */
  assigned: number;
  ready_unassigned: number;
}

export async function assignment(db: Kysely<Database>, since: Date): Promise<Assignment> {
  const { rows } = await sql<{ waited_s: number | null }>`
    select extract(epoch from (d.assigned_at - h.at))::float8 as waited_s
    from deliveries d
    join order_status_history h on h.order_id = d.order_id and h.to_status = 'ready'
    where d.created_at >= ${since}`.execute(db);
  const waited = rows.filter((r) => r.waited_s !== null).map((r) => Math.max(0, r.waited_s!));
  const s = spread(waited);
  const none = s.n === 0;
  return {
    assign_p50_s: none ? null : round(s.p50, 2),
    assign_p99_s: none ? null : round(s.p99, 2),
    assign_max_s: none ? null : round(s.max, 2),
    assigned: waited.length,
    ready_unassigned: rows.length - waited.length,
  };
}
