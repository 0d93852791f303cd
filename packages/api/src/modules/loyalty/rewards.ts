// The reward catalogue (table `loyalty_rewards`, one row per reward, per region): what a customer can spend
// points on in the cart, and each reward as pricing sees it (a promo-like discount rule).
import type { Database, Kysely } from "@pizza/db";
import type { PromoDiscountRule } from "../pricing/pricing.ts";
import { balanceOf } from "./balance.ts";
import { ledgerOf } from "./ledger.ts";
import type { TLoyaltyRewards } from "./loyalty.schemas.ts";

export interface PricedReward {
  id: string;
  name: string;
  points: number;
  rule: PromoDiscountRule;
}

type RewardRow = {
  id: string;
  name: string;
  names: unknown;
  points: number;
  kind: string;
  item_id: string | null;
  variant: string | null;
  amount: number | null;
};

function ruleOf(r: RewardRow): PromoDiscountRule {
  if (r.kind === "free_item") return { kind: "free_item", itemId: r.item_id ?? "", variant: r.variant ?? "" };
  if (r.kind === "amount_off") return { kind: "fixed", amount: r.amount ?? 0 };
  return { kind: "free_delivery" };
}

/** The reward's name in `locale`'s language ("de-DE" → its German name), else its English one. */
export function rewardName(r: { name: string; names: unknown }, locale: string | undefined): string {
  const language = locale?.slice(0, 2).toLowerCase();
  const names = (r.names ?? {}) as Record<string, string | undefined>;
  return (language && language !== "en" && names[language]) || r.name;
}

function regionRewards(db: Kysely<Database>, regionCode: string) {
  return db
    .selectFrom("loyalty_rewards")
    .select(["id", "name", "names", "points", "kind", "item_id", "variant", "amount"])
    .where("region_code", "=", regionCode);
}

function activeRewards(db: Kysely<Database>, regionCode: string) {
  return regionRewards(db, regionCode).where("active", "=", true);
}

/**
 * An active reward of the region (`inactiveToo`: or one no longer offered, which an order already holds),
 * as pricing sees it; undefined when there is none by that id.
 */
export async function rewardFor(
  db: Kysely<Database>,
  rewardId: string,
  regionCode: string,
  opts: { inactiveToo?: boolean; locale?: string } = {},
): Promise<PricedReward | undefined> {
  const rewards = opts.inactiveToo ? regionRewards(db, regionCode) : activeRewards(db, regionCode);
  const row = await rewards.where("id", "=", rewardId).executeTakeFirst();
  return row && { id: row.id, name: rewardName(row, opts.locale), points: row.points, rule: ruleOf(row) };
}

/** The region's active rewards, cheapest first, each with whether the customer's points cover it. */
export async function rewardsFor(
  db: Kysely<Database>,
  userId: string,
  regionCode: string,
  now: Date,
  locale?: string,
): Promise<TLoyaltyRewards> {
  const [rows, ledger] = await Promise.all([
    activeRewards(db, regionCode).orderBy("sort").orderBy("points").execute(),
    ledgerOf(db, userId),
  ]);
  const { points } = balanceOf(ledger, now);
  return {
    points,
    rewards: rows.map((r) => ({
      id: r.id,
      name: rewardName(r, locale),
      points: r.points,
      kind: r.kind as "free_item" | "amount_off" | "free_delivery",
      itemId: r.item_id,
      variant: r.variant,
      amount: r.amount,
      affordable: points >= r.points,
    })),
  };
}
