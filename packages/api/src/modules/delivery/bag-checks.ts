// The bag checks before pick-up (issue 20: "required, not decoration"): the order number on the bag, the
// item count, and the drinks when the order has some. `markPickedUp` is refused unless the driver ticked
// every one; what was ticked is recorded on the delivery.

import { badRequest } from "../../errors.ts";
import { bagContents } from "../orders/order-for-dispatch.ts";
import type { Trx } from "./delivery-deps.ts";
import type { TBagCheck } from "./proof.schemas.ts";

export function requiredBagChecks(drinks: number): TBagCheck[] {
  return drinks > 0 ? ["order", "items", "drinks"] : ["order", "items"];
}

const WORDS: Record<TBagCheck, string> = {
  order: "the order number",
  items: "the item count",
  drinks: "the drinks",
};

/** The checks this order needs, all ticked; refuses (400) naming what is missing. */
export async function assertBagChecked(
  trx: Trx,
  orderId: string,
  ticked: readonly TBagCheck[],
): Promise<TBagCheck[]> {
  const bag = (await bagContents(trx, [orderId])).get(orderId) ?? [];
  const drinks = bag.filter((i) => i.kind === "drink").reduce((n, i) => n + i.quantity, 0);
  const required = requiredBagChecks(drinks);
  const missing = required.filter((c) => !ticked.includes(c));
  if (missing.length > 0)
    throw badRequest(`Check the bag before you leave: tick ${missing.map((c) => WORDS[c]).join(" and ")}.`, {
      field: "checks",
      reason: "bag_not_checked",
      missing,
    });
  return required;
}
