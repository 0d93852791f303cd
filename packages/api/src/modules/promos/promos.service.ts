import type { Database, Kysely, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import { conflict } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import { resolveCart } from "../menu/builder-rules.ts";
import type { TCartLine } from "../menu/menu.schemas.ts";
import type { MenuService } from "../menu/menu.service.ts";
import type { Menu } from "../menu/menu.types.ts";
import { type PriceBreakdown, type PromoDiscountRule, priceCart } from "../pricing/pricing.ts";
import { discountRule, type PromoRefusal, type PromoRow, refusePromo } from "./promo-rules.ts";
import type { TPromoCheckRequest } from "./promos.schemas.ts";

const PROMO_COLUMNS = [
  "id",
  "code",
  "description",
  "kind",
  "percent",
  "amount",
  "max_discount",
  "currency",
  "free_item_id",
  "bundle",
  "min_subtotal",
  "valid_from",
  "valid_to",
  "region_code",
  "store_id",
  "first_order_only",
  "per_customer_limit",
  "usage_limit",
  "used_count",
  "active",
] as const;

export type PromoEvaluation =
  | { ok: true; promo: PromoRow; rule: PromoDiscountRule }
  | { ok: false; refusal: PromoRefusal };

export interface PromoCheckResult {
  code: string;
  applies: boolean;
  /** Why the code does not apply (expired, below minimum…), or null. */
  reason: string | null;
  reasonCode: PromoRefusal["code"] | null;
  description: string | null;
  /** The cart priced with the code (when it applies) or without it. */
  breakdown: PriceBreakdown;
}

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export class PromosService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly menus: MenuService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async find(code: string, db: Kysely<Database> = this.db): Promise<PromoRow | undefined> {
    return (await db
      .selectFrom("promo_codes")
      .select(PROMO_COLUMNS)
      .where("code", "=", normalizeCode(code))
      .executeTakeFirst()) as PromoRow | undefined;
  }

  /** Checks a code for a priced cart: conditions first, then whether it discounts anything. */
  async evaluate(
    args: {
      code: string;
      customerId: string;
      menu: Menu;
      lines: readonly ResolvedLine[];
      channel: "delivery" | "carryout";
      tip: number;
      /** When re-checking an order being changed: its own redemption and itself do not count. */
      excludeOrderId?: string | undefined;
    },
    db: Kysely<Database> = this.db,
  ): Promise<PromoEvaluation> {
    const promo = await this.find(args.code, db);
    if (!promo)
      return {
        ok: false,
        refusal: { code: "not_found", reason: `We don't know the code ${normalizeCode(args.code)}.` },
      };
    const exclude = args.excludeOrderId ?? "00000000-0000-0000-0000-000000000000";
    const [redemptions, orders] = await Promise.all([
      promo.per_customer_limit !== null
        ? db
            .selectFrom("promo_redemptions")
            .select(sql<number>`count(*)::int`.as("n"))
            .where("promo_id", "=", promo.id)
            .where("customer_id", "=", args.customerId)
            .where("released_at", "is", null)
            .where("order_id", "<>", exclude)
            .executeTakeFirstOrThrow()
        : { n: 0 },
      promo.first_order_only
        ? db
            .selectFrom("orders")
            .select("id")
            .where("customer_id", "=", args.customerId)
            .where("status", "<>", "cancelled")
            .where("id", "<>", exclude)
            .limit(1)
            .execute()
        : [],
    ]);
    const { menu } = args;
    const subtotal = args.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
    const refusal = refusePromo(promo, {
      now: this.now(),
      regionCode: menu.region.code,
      storeId: menu.store.id,
      storeTimezone: menu.store.timezone,
      storeName: menu.store.name,
      currency: menu.region.currency,
      currencyDigits: menu.region.currencyDigits,
      locale: menu.region.locale,
      subtotal,
      customerRedemptions: redemptions.n,
      customerHasOrders: orders.length > 0,
    });
    if (refusal) return { ok: false, refusal };
    const itemName = promo.free_item_id
      ? menu.items.find((i) => i.id === promo.free_item_id)?.name
      : undefined;
    const rule = discountRule(promo, menu.region.code, itemName);
    const priced = priceCart({
      region: menu.region,
      channel: args.channel,
      lines: args.lines,
      tip: args.tip,
      promo: { code: promo.code, rule },
    });
    if (priced.promo && !priced.promo.applied) {
      // The discount math has its own reasons (no bundle in the cart, carryout for free delivery…).
      const code =
        rule.kind === "free_delivery"
          ? "channel"
          : rule.kind === "free_item"
            ? "missing_item"
            : rule.kind === "bundle"
              ? "no_bundle"
              : "nothing_to_discount";
      return { ok: false, refusal: { code, reason: priced.promo.reason } };
    }
    return { ok: true, promo, rule };
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

  /** `promo.check` / `payment.applyPromoCode`: the discount breakdown, or the precise reason it does not apply. */
  async check(
    customerId: string,
    input: {
      code: string;
      storeId: string;
      channel: "delivery" | "carryout";
      items: readonly TCartLine[];
      tip?: number | undefined;
      locale?: string | undefined;
      excludeOrderId?: string | undefined;
    },
  ): Promise<PromoCheckResult> {
    const menu = await this.menus.menu(input.storeId, input.locale ?? "en");
    const lines = resolveCart(menu, input.items);
    const tip = input.tip ?? 0;
    const ev = await this.evaluate({
      code: input.code,
      customerId,
      menu,
      lines,
      channel: input.channel,
      tip,
      excludeOrderId: input.excludeOrderId,
    });
    const breakdown = priceCart({
      region: menu.region,
      channel: input.channel,
      lines,
      tip,
      promo: ev.ok ? { code: ev.promo.code, rule: ev.rule } : undefined,
    });
    if (!ev.ok) {
      breakdown.promo = { code: normalizeCode(input.code), applied: false, reason: ev.refusal.reason };
      return {
        code: normalizeCode(input.code),
        applies: false,
        reason: ev.refusal.reason,
        reasonCode: ev.refusal.code,
        description: null,
        breakdown,
      };
    }
    return {
      code: ev.promo.code,
      applies: true,
      reason: null,
      reasonCode: null,
      description: ev.promo.description,
      breakdown,
    };
  }

  /**
   * Redeems a code for an order inside the order's transaction, exactly once: the conditional
   * increment takes the promo row's lock, so with a global limit of N at most N commits succeed,
   * and the per-customer count below is read under that same lock.
   */
  async redeem(
    trx: Transaction<Database>,
    r: { promo: PromoRow; orderId: string; regionCode: string; customerId: string; discount: number },
  ): Promise<void> {
    const bumped = await trx
      .updateTable("promo_codes")
      .set({ used_count: sql`used_count + 1` })
      .where("id", "=", r.promo.id)
      .where((eb) => eb.or([eb("usage_limit", "is", null), eb("used_count", "<", eb.ref("usage_limit"))]))
      .returning("used_count")
      .executeTakeFirst();
    if (!bumped) {
      throw conflict(`The code ${r.promo.code} has just been used up; remove it to place the order.`, {
        reason: "promo_limit_reached",
        code: r.promo.code,
      });
    }
    if (r.promo.per_customer_limit !== null) {
      const mine = await trx
        .selectFrom("promo_redemptions")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("promo_id", "=", r.promo.id)
        .where("customer_id", "=", r.customerId)
        .where("released_at", "is", null)
        .executeTakeFirstOrThrow();
      if (mine.n >= r.promo.per_customer_limit) {
        throw conflict(`You have already used the code ${r.promo.code}.`, {
          reason: "promo_customer_limit",
          code: r.promo.code,
        });
      }
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
  async release(
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
}
