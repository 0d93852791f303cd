// A region's earning rule and the points an order earns under it (a pure function, unit-tested).
import type { Database, Kysely } from "@pizza/db";

export interface LoyaltyRule {
  regionCode: string;
  /** Points for an order whose spend reaches `orderMinSubtotal` (0: none). */
  orderPoints: number;
  orderMinSubtotal: number;
  /** Points per whole `unitMinor` minor units spent (0: none). */
  unitPoints: number;
  unitMinor: number;
  expiryMonths: number;
}

export async function loyaltyRule(
  db: Kysely<Database>,
  regionCode: string,
): Promise<LoyaltyRule | undefined> {
  const row = await db
    .selectFrom("loyalty_rules")
    .selectAll()
    .where("region_code", "=", regionCode)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    regionCode: row.region_code,
    orderPoints: row.order_points,
    orderMinSubtotal: row.order_min_subtotal,
    unitPoints: row.unit_points,
    unitMinor: row.unit_minor,
    expiryMonths: row.expiry_months,
  };
}

/** Points an order with `spend` minor units (subtotal after discounts) earns under `rule`. */
export function pointsFor(rule: LoyaltyRule, spend: number): number {
  const perOrder = spend > 0 && spend >= rule.orderMinSubtotal ? rule.orderPoints : 0;
  const perUnit = Math.floor(Math.max(0, spend) / rule.unitMinor) * rule.unitPoints;
  return perOrder + perUnit;
}

/** When a credit made at `at` expires under `rule`. */
export function expiryOf(rule: Pick<LoyaltyRule, "expiryMonths">, at: Date): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + rule.expiryMonths);
  return d;
}
