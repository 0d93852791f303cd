// Redeeming a promo code for an order and giving it back, always inside the order's transaction.
import { type Database, sql, type Transaction } from "@pizza/db";
import { conflict } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { liveRedemptions } from "./evaluate-promo.ts";
import type { PromoRow } from "./promo-rules.ts";

export interface Redemption {
  promo: PromoRow;
  orderId: string;
  regionCode: string;
  customerId: string;
  discount: number;
}

/**
 * Redeems a code for an order exactly once: the conditional increment takes the promo row's lock, so
 * with a global limit of N at most N commits succeed, and the per-customer count below is read under
 * that same lock.
 */
export async function redeemPromo(trx: Transaction<Database>, r: Redemption): Promise<void> {
  const bumped = await trx
    .updateTable("promo_codes")
    .set({ used_count: sql`used_count + 1` })
    .where("id", "=", r.promo.id)
    .where((eb) => eb.or([eb("usage_limit", "is", null), eb("used_count", "<", eb.ref("usage_limit"))]))
    .returning("used_count")
    .executeTakeFirst();
  if (!bumped) {
    throw conflict(msg("promo.justUsedUp", { code: r.promo.code }), {
      reason: "promo_limit_reached",
      code: r.promo.code,
    });
  }
  if (
    r.promo.per_customer_limit !== null &&
    (await liveRedemptions(trx, r.promo.id, r.customerId)) >= r.promo.per_customer_limit
  ) {
    throw conflict(msg("promo.alreadyUsed", { code: r.promo.code }), {
      reason: "promo_customer_limit",
      code: r.promo.code,
    });
  }
  await trx
    .insertInto("promo_redemptions")
    .values({
      promo_id: r.promo.id,
      order_id: r.orderId,
      region_code: r.regionCode,
      customer_id: r.customerId,
      discount: r.discount,
    })
    .execute();
}

/** Gives an order's redemption back (cancel, or a changed order that no longer uses the code). */
export async function releasePromo(
  trx: Transaction<Database>,
  orderId: string,
  opts: { forget?: boolean } = {},
): Promise<boolean> {
  const released = await trx
    .updateTable("promo_redemptions")
    .set({ released_at: new Date() })
    .where("order_id", "=", orderId)
    .where("released_at", "is", null)
    .returning("promo_id")
    .executeTakeFirst();
  if (!released) return false;
  await trx
    .updateTable("promo_codes")
    .set({ used_count: sql`greatest(used_count - 1, 0)` })
    .where("id", "=", released.promo_id)
    .execute();
  // A cancelled order keeps its released row as history; a changed order re-redeems, which needs the row gone.
  if (opts.forget)
    await trx
      .deleteFrom("promo_redemptions")
      .where("order_id", "=", orderId)
      .where("released_at", "is not", null)
      .execute();
  return true;
}
