// A credit for a customer's next order (help with an order, issue 16): a fixed-amount promo code that
// only that customer can use, once, in the order's region, for 90 days. Written in the caller's
// transaction, so the store's decision and the code exist together or not at all.
import { randomBytes } from "node:crypto";
import type { Database, Transaction } from "@pizza/db";

export const CREDIT_VALID_DAYS = 90;

export interface CreditGrant {
  customerId: string;
  amount: number;
  currency: string;
  regionCode: string;
  orderNumber: number;
  issuedBy: string;
  now: Date;
}

/** Creates the customer's credit code; answers its id and the code the customer types. */
export async function issueCredit(
  trx: Transaction<Database>,
  grant: CreditGrant,
): Promise<{ promoId: string; code: string; validTo: Date }> {
  // 40 bits of randomness: the code is also bound to its customer (promo-rules.ts), so guessing gains nothing.
  const code = `CREDIT-${randomBytes(5).toString("hex").toUpperCase()}`;
  const validTo = new Date(grant.now.getTime() + CREDIT_VALID_DAYS * 86_400_000);
  const row = await trx
    .insertInto("promo_codes")
    .values({
      code,
      description: `Credit for order #${grant.orderNumber}`,
      kind: "fixed",
      amount: grant.amount,
      currency: grant.currency,
      region_code: grant.regionCode,
      customer_id: grant.customerId,
      per_customer_limit: 1,
      usage_limit: 1,
      valid_from: grant.now,
      valid_to: validTo,
      created_by: grant.issuedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { promoId: row.id, code, validTo };
}
