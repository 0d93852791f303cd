// Promo, loyalty and deal cost of the orders placed in the range (cancelled orders cost nothing: their
// promo is released and their points returned), per currency. An order's discount is the deals' part
// (`orders.deal_discount`), the reward's and the promo code's. Promo cost: the promo redemptions still
// held (`promo_redemptions.discount`, the code's part alone). Reward cost: what remains of the discount
// when the order spent a loyalty reward, and the points the rewards spent. Deal cost: the deals' part.
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
  deal_orders: string;
  deal_cost: string;
}

export async function costReport(db: Kysely<Database>, scope: ReportScope): Promise<CostReport> {
  const { rows } = await sql<Row>`
    with ${scopeStores(scope)}, ${scopedOrders(scope)},
    c as (
      select so.id, trim(so.currency) as currency, so.discount, so.deal_discount, so.reward_id, so.reward_points,
        coalesce((select sum(pr.discount) from promo_redemptions pr
                  where pr.order_id = so.id and pr.released_at is null), 0) as promo
      from so where so.status <> 'cancelled'
    )
    select currency,
      count(*) filter (where promo > 0) as promo_orders,
      coalesce(sum(promo), 0) as promo_cost,
      count(*) filter (where reward_id is not null) as reward_orders,
      coalesce(sum(discount - deal_discount - promo) filter (where reward_id is not null), 0) as reward_cost,
      coalesce(sum(reward_points) filter (where reward_id is not null), 0) as points,
      count(*) filter (where deal_discount > 0) as deal_orders,
      coalesce(sum(deal_discount), 0) as deal_cost
    from c group by currency order by currency`.execute(db);
  return {
    currencies: rows.map((r) => ({
      currency: r.currency,
      promoOrders: Number(r.promo_orders),
      promoCost: Number(r.promo_cost),
      rewardOrders: Number(r.reward_orders),
      rewardCost: Number(r.reward_cost),
      pointsRedeemed: Number(r.points),
      dealOrders: Number(r.deal_orders),
      dealCost: Number(r.deal_cost),
    })),
  };
}
