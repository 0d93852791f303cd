// The one rule for region-scoped access (issue 22): an admin (head office) acts for any region, a region
// manager (staff_role 'region_manager', migration 0044) for their own region only; another region answers
// NOT_FOUND, like a region that does not exist. Everyone else (store managers, crew) is refused. The
// region manager is read from the users row, the way `staff_role` reaches every other check.
import type { Database, Kysely } from "@pizza/db";
import { forbidden, notFound } from "../../errors.ts";
import type { AuthUser } from "./tokens.ts";
import { regionManagerOf } from "./user-profile.ts";

/** The region a caller may act for; throws FORBIDDEN (not a region's) or NOT_FOUND (another region). */
export async function resolveRegionAccess(
  db: Kysely<Database>,
  user: Pick<AuthUser, "id" | "role" | "storeId">,
  regionCode: string,
): Promise<string> {
  if (user.role === "admin") return regionCode;
  const own = await regionOfCaller(db, user);
  if (own === null) throw forbidden("Your account is not allowed to do this.");
  if (own !== regionCode) throw notFound(`There is no region "${regionCode}".`);
  return own;
}

/** A region manager's region; null for anyone else (store staff have a store, so they never have a region). */
export async function regionOfCaller(
  db: Kysely<Database>,
  user: Pick<AuthUser, "id" | "role" | "storeId">,
): Promise<string | null> {
  if (user.role !== "staff" || user.storeId !== null) return null;
  return regionManagerOf(db, user.id);
}
