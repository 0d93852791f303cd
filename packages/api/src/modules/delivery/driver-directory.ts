// Who a driver is for dispatch: their home store (the zone they work in) and their name, cached on this
// node. Names come from the accounts auth owns.
import { forbidden } from "../../errors.ts";
import { accountContacts } from "../auth/account-contacts.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { zoneOf } from "./delivery-context.ts";
import type { Db } from "./delivery-deps.ts";

export interface DriverInfo {
  driverId: string;
  name: string;
  storeId: string;
  /** The dispatch zone the driver works in: their home store (see `zoneOf`). */
  zone: string;
}

export class DriverDirectory {
  private readonly cache = new Map<string, DriverInfo>();

  constructor(private readonly db: Db) {}

  async info(driverId: string, db: Db = this.db): Promise<DriverInfo | undefined> {
    const cached = this.cache.get(driverId);
    if (cached) return cached;
    const row = await db
      .selectFrom("drivers")
      .select(["user_id", "home_store_id"])
      .where("user_id", "=", driverId)
      .executeTakeFirst();
    if (!row) return undefined;
    const account = (await accountContacts(db, [row.user_id])).get(row.user_id);
    if (!account) return undefined;
    const info = {
      driverId: row.user_id,
      name: account.name,
      storeId: row.home_store_id,
      zone: zoneOf(row.home_store_id),
    };
    this.cache.set(driverId, info);
    return info;
  }

  /** The signed-in driver's record; an account not set up as a driver is refused. */
  async require(user: AuthUser): Promise<DriverInfo> {
    const info = await this.info(user.id);
    if (!info) throw forbidden("Your account is not set up as a driver yet; ask your store.");
    return info;
  }
}
