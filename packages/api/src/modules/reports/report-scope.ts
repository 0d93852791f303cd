// Who sees which report, written once for every report: a store manager their own store (crew are
// refused, another store answers NOT_FOUND through `resolveStaffStore`), a region manager their region or
// any store in it (another region or its stores answer NOT_FOUND, the chain FORBIDDEN), an admin (head
// office) a store, a region or the whole chain. The date range is bounded (366 days; hourly buckets 31 days) so one report
// never scans years of orders. Each store's days are its own local days (`stores.timezone`).
import { type Database, type Kysely, sql } from "@pizza/db";
import type { RawBuilder } from "kysely";
import { badRequest, forbidden, notFound } from "../../errors.ts";
import { regionOfCaller } from "../auth/region-access.ts";
import { resolveStaffStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { staffRoleOf } from "../auth/user-profile.ts";
import type { ReportFilter } from "./reports.schemas.ts";

export const MAX_RANGE_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;

export interface ReportScope {
  /** One store, one region, or every store. */
  storeId?: string;
  regionCode?: string;
  from: string;
  to: string;
  channel?: "delivery" | "carryout";
  bucket: "hour" | "day" | "week";
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The range's days, checked: from ≤ to, at most 366 days, hourly buckets at most 31 days. */
function checkRange(filter: Pick<ReportFilter, "from" | "to" | "bucket">): void {
  const days = dayNumber(filter.to) - dayNumber(filter.from) + 1;
  if (days < 1) throw badRequest("The start date must be on or before the end date.", { field: "from" });
  if (days > MAX_RANGE_DAYS)
    throw badRequest(`Choose a range of at most ${MAX_RANGE_DAYS} days (this one has ${days}).`, {
      field: "to",
    });
  if (filter.bucket === "hour" && days > MAX_HOURLY_DAYS)
    throw badRequest(`Hourly figures cover at most ${MAX_HOURLY_DAYS} days; choose daily or weekly.`, {
      field: "bucket",
    });
}

/** May this caller open the reports (an admin; a region manager; a staff member whose staff_role is manager)? */
export async function mayViewReports(
  db: Kysely<Database>,
  user: Pick<AuthUser, "id" | "role" | "storeId">,
): Promise<boolean> {
  if (user.role === "admin") return true;
  if (user.role === "staff" && user.storeId === null) return (await regionOfCaller(db, user)) !== null;
  return user.role === "staff" && (await staffRoleOf(db, user.id)) === "manager";
}

/**
 * The store or region the filter names, checked: anywhere for head office (`within` null), in their own
 * region for a region manager (another region or its stores answer NOT_FOUND; the chain is head office's).
 */
async function namedScope(
  db: Kysely<Database>,
  filter: ReportFilter,
  within: string | null,
): Promise<Pick<ReportScope, "storeId" | "regionCode">> {
  if (filter.storeId && filter.regionCode)
    throw badRequest("Choose a store or a region, not both.", { field: "regionCode" });
  if (filter.storeId) {
    let store = db.selectFrom("stores").select("id").where("id", "=", filter.storeId);
    if (within !== null) store = store.where("region_code", "=", within);
    if (!(await store.executeTakeFirst())) throw notFound("We could not find that store.");
    return { storeId: filter.storeId };
  }
  if (filter.regionCode) {
    const code = filter.regionCode.toLowerCase();
    const region =
      within === null || code === within
        ? await db.selectFrom("regions").select("code").where("code", "=", code).executeTakeFirst()
        : undefined;
    if (!region) throw notFound("We could not find that region.");
    return { regionCode: code };
  }
  if (within !== null)
    throw forbidden(
      "The whole chain's reports are for head office; choose your region or one of its stores.",
    );
  return {};
}

/** The scope a caller may see for this filter, or the refusal (FORBIDDEN, NOT_FOUND, BAD_REQUEST). */
export async function resolveReportScope(
  db: Kysely<Database>,
  user: Pick<AuthUser, "id" | "role" | "storeId">,
  filter: ReportFilter,
): Promise<ReportScope> {
  checkRange(filter);
  const base = {
    from: filter.from,
    to: filter.to,
    bucket: filter.bucket,
    ...(filter.channel ? { channel: filter.channel } : {}),
  };
  const region = await regionOfCaller(db, user);
  if (user.role !== "admin" && region === null) {
    const storeId = resolveStaffStore(user, filter.storeId);
    if ((await staffRoleOf(db, user.id)) !== "manager")
      throw forbidden("Reports are for store managers; ask your manager.");
    if (filter.regionCode !== undefined)
      throw forbidden("A region's reports are for head office; you see your store's.");
    return { ...base, storeId };
  }
  return { ...base, ...(await namedScope(db, filter, region)) };
}

/**
 * The `sc` common table expression every report starts from: the stores in scope with their time zone
 * and the range as instants of each store's local midnights (`lo` included, `hi` excluded).
 */
export function scopeStores(scope: ReportScope): RawBuilder<unknown> {
  const where = scope.storeId
    ? sql`s.id = ${scope.storeId}`
    : scope.regionCode
      ? sql`s.region_code = ${scope.regionCode}`
      : sql`true`;
  return sql`sc as (
    select s.id as store_id, s.timezone as tz, r.currency,
      (${scope.from}::date)::timestamp at time zone s.timezone as lo,
      ((${scope.to}::date) + 1)::timestamp at time zone s.timezone as hi
    from stores s join regions r on r.code = s.region_code
    where ${where}
  )`;
}

/**
 * The orders in scope placed in the range (`so`, with their store's `tz`): unpaid card orders left out,
 * the channel filter applied. A constant outer bound (a day either side of UTC) lets the planner use the
 * created_at indexes before the exact per-store-time-zone bound.
 */
export function scopedOrders(scope: ReportScope): RawBuilder<unknown> {
  const outerLo = new Date(Date.parse(`${scope.from}T00:00:00Z`) - DAY_MS);
  const outerHi = new Date(Date.parse(`${scope.to}T00:00:00Z`) + 2 * DAY_MS);
  const channel = scope.channel ? sql`and o.channel = ${scope.channel}` : sql``;
  return sql`so as (
    select o.id, o.status, o.channel, o.total, o.currency, o.discount, o.deal_discount, o.promised_at, o.created_at,
      o.scheduled_for, o.reward_id, o.reward_points, o.store_id, sc.tz
    from orders o join sc on sc.store_id = o.store_id
    where o.created_at >= ${outerLo} and o.created_at < ${outerHi}
      and o.created_at >= sc.lo and o.created_at < sc.hi
      and o.status <> 'pending_payment' ${channel}
  )`;
}

/** The label of an instant's bucket in its store's local time: 2026-12-07T14:00, or the day (a week: its Monday). */
export function bucketLabel(scope: ReportScope, at: RawBuilder<unknown>): RawBuilder<string> {
  const format = scope.bucket === "hour" ? `YYYY-MM-DD"T"HH24:00` : "YYYY-MM-DD";
  return sql<string>`to_char(date_trunc(${scope.bucket}, ${at}), ${format})`;
}

/** Rounds a percentile of seconds (PostgreSQL returns a double or null). */
export const seconds = (value: unknown): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value));
