// Promo and loyalty cost of the orders placed in the range (cancelled orders cost nothing: their promo is
// released and their points returned), per currency. Promo cost: the promo redemptions still held
// (`promo_redemptions.discount`). Reward cost: the rest of the order's discount when it spent a loyalty
// reward (the order's discount is the reward's part plus the promo's), and the points the rewards spent.
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { type ReportScope, scopedOrders, scopeStores } from "./report-scope.ts";
import type { CostReport } from "./reports.schemas.ts";

interface Row {
  currency: string;
  promo_orders: string;
  promo_cost: string;
  reward_orders: string;
  reward_cost: string;
  points: string;
}

export async function costReport(db: Kysely<Database>, scope: ReportScope): Promise<CostReport> {
  const { rows } = await sql<Row>`
    with ${scopeStores(scope)}, ${scopedOrders(scope)},
    c as (
      select so.id, trim(so.currency) as currency, so.discount, so.reward_id, so.reward_points,
        coalesce((select sum(pr.discount) from promo_redemptions pr
                  where pr.order_id = so.id and pr.released_at is null), 0) as promo
      from so where so.status <> 'cancelled'
    )
    select currency,
      count(*) filter (where promo > 0) as promo_orders,
      coalesce(sum(promo), 0) as promo_cost,
      count(*) filter (where reward_id is not null) as reward_orders,
      coalesce(sum(discount - promo) filter (where reward_id is not null), 0) as reward_cost,
      coalesce(sum(reward_points) filter (where reward_id is not null), 0) as points
    from c group by currency order by currency`.execute(db);
  return {
    currencies: rows.map((r) => ({
      currency: r.currency,
      promoOrders: Number(r.promo_orders),
      promoCost: Number(r.promo_cost),
      rewardOrders: Number(r.reward_orders),
      rewardCost: Number(r.reward_cost),
      pointsRedeemed: Number(r.points),
    })),
  };
}
