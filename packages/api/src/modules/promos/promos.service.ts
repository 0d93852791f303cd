// The promos module's service: wires its use cases (evaluate-promo.ts, check-promo.ts, redeem-promo.ts)
// to the database, the menus and the clock. The cart of an existing order comes from the orders module
// through `orderCart`, set by the platform.

import type { Database, Kysely, Transaction } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { TCartLine } from "../menu/menu.schemas.ts";
import type { MenuService } from "../menu/menu.service.ts";
import { checkPromo, type PromoCheckInput, type PromoCheckResult } from "./check-promo.ts";
import { evaluatePromo, type PromoEvaluation, type PromoEvaluationInput } from "./evaluate-promo.ts";
import { type CreditGrant, issueCredit } from "./issue-credit.ts";
import type { TPromoCheckRequest } from "./promos.schemas.ts";
import { type Redemption, redeemPromo, releasePromo } from "./redeem-promo.ts";

export class PromosService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly menus: MenuService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Checks a code for a priced cart: conditions first, then whether it discounts anything. */
  evaluate(args: PromoEvaluationInput, db: Kysely<Database> = this.db): Promise<PromoEvaluation> {
    return evaluatePromo(db, args, this.now());
  }

  /** Set by the platform: the cart of an existing order the caller may see (orders owns that table). */
  orderCart:
    | ((
        user: AuthUser,
        orderId: string,
      ) => Promise<{
        storeId: string;
        channel: "delivery" | "carryout";
        tip: number;
        items: TCartLine[];
        orderId: string;
        customerId: string;
      }>)
    | undefined;

  /** `promo.check` and `payment.applyPromoCode`: a code against a cart or an existing order. */
  async checkFor(user: AuthUser, input: TPromoCheckRequest): Promise<PromoCheckResult> {
    if ("orderId" in input) {
      if (!this.orderCart) throw new Error("PromosService.orderCart is not wired");
      const cart = await this.orderCart(user, input.orderId);
      return this.check(cart.customerId, {
        ...cart,
        code: input.code,
        locale: input.locale,
        excludeOrderId: cart.orderId,
      });
    }
    return this.check(user.id, input);
  }

  /** The discount breakdown, or the precise reason the code does not apply. */
  check(customerId: string, input: PromoCheckInput): Promise<PromoCheckResult> {
    return checkPromo({ db: this.db, menus: this.menus, now: this.now() }, customerId, input);
  }

  /** The code a promo id stands for (an order keeps the id; an update checks the code again). */
  async codeOf(db: Kysely<Database>, promoId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom("promo_codes")
      .select("code")
      .where("id", "=", promoId)
      .executeTakeFirst();
    return row?.code;
  }

  /** A credit for the customer's next order, only theirs (issue-credit.ts). */
  issueCredit(trx: Transaction<Database>, grant: CreditGrant) {
    return issueCredit(trx, grant);
  }

  redeem(trx: Transaction<Database>, r: Redemption): Promise<void> {
    return redeemPromo(trx, r);
  }

  release(trx: Transaction<Database>, orderId: string, opts: { forget?: boolean } = {}): Promise<boolean> {
    return releasePromo(trx, orderId, opts);
  }
}
