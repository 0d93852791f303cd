// Admin use cases for promo codes (create, list, pause/resume, redemptions), kept apart from the
// pricing rules in promo-rules.ts. The orders that redeemed a code come from the orders module.
import type { Database, Kysely } from "@pizza/db";
import type { Selectable } from "kysely";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { orderLabels } from "../orders/order-for-promos.ts";
import { PROMO_COLUMNS } from "./promo-rules.ts";
import type { TPromoCreateRequest } from "./promos.schemas.ts";

/** The rules' columns, and when the code was made. */
const COLUMNS = [...PROMO_COLUMNS, "created_at"] as const;

type Row = Pick<Selectable<Database["promo_codes"]>, (typeof COLUMNS)[number]>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function view(r: Row) {
  return {
    id: r.id,
    code: r.code,
    description: r.description,
    kind: r.kind,
    percent: r.percent,
    amount: r.amount,
    maxDiscount: r.max_discount,
    currency: r.currency?.trim() ?? null,
    minSubtotal: r.min_subtotal,
    validFrom: iso(r.valid_from),
    validTo: iso(r.valid_to),
    regionCode: r.region_code,
    storeId: r.store_id,
    firstOrderOnly: r.first_order_only,
    perCustomerLimit: r.per_customer_limit,
    usageLimit: r.usage_limit,
    usedCount: r.used_count,
    active: r.active,
    createdAt: iso(r.created_at)!,
  };
}
export type PromoView = ReturnType<typeof view>;

export class PromoAdmin {
  constructor(private readonly db: Kysely<Database>) {}

  async list(input: { regionCode?: string | undefined; limit: number }): Promise<PromoView[]> {
    let q = this.db
      .selectFrom("promo_codes")
      .select(COLUMNS)
      .orderBy("created_at", "desc")
      .limit(input.limit);
    if (input.regionCode) q = q.where("region_code", "=", input.regionCode);
    return (await q.execute()).map(view);
  }

  async create(admin: AuthUser, input: TPromoCreateRequest): Promise<PromoView> {
    let currency: string | null = null;
    if (input.regionCode) {
      const r = await this.db
        .selectFrom("regions")
        .select("currency")
        .where("code", "=", input.regionCode)
        .executeTakeFirst();
      if (!r) throw badRequest("There is no such region.", { field: "regionCode" });
      currency = r.currency.trim();
    }
    if (input.storeId) {
      const s = await this.db
        .selectFrom("stores")
        .select("region_code")
        .where("id", "=", input.storeId)
        .executeTakeFirst();
      if (!s) throw badRequest("There is no such store.", { field: "storeId" });
      if (input.regionCode && s.region_code !== input.regionCode)
        throw badRequest("That store is in another region.", { field: "storeId" });
    }
    try {
      const row = await this.db
        .insertInto("promo_codes")
        .values({
          code: input.code,
          description: input.description ?? null,
          kind: input.kind,
          percent: input.kind === "percent" ? (input.percent ?? null) : null,
          amount: input.kind === "fixed" ? (input.amount ?? null) : null,
          max_discount: input.maxDiscount ?? null,
          currency: input.kind === "fixed" ? currency : null,
          min_subtotal: input.minSubtotal,
          ...(input.validFrom ? { valid_from: new Date(input.validFrom) } : {}),
          valid_to: input.validTo ? new Date(input.validTo) : null,
          region_code: input.regionCode ?? null,
          store_id: input.storeId ?? null,
          first_order_only: input.firstOrderOnly,
          per_customer_limit: input.perCustomerLimit ?? null,
          usage_limit: input.usageLimit ?? null,
          created_by: admin.id,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return view(row);
    } catch (error) {
      if (isUniqueViolation(error, "code")) throw conflict("That code already exists.", { field: "code" });
      throw error;
    }
  }

  /** Pause (or resume) a code: a paused code is refused at checkout from the next check on. */
  async setActive(input: { promoId: string; active: boolean }): Promise<PromoView> {
    const row = await this.db
      .updateTable("promo_codes")
      .set({ active: input.active })
      .where("id", "=", input.promoId)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw notFound("We could not find that promo code.");
    return view(row);
  }

  async redemptions(input: { promoId: string; limit: number }) {
    const promo = await this.db
      .selectFrom("promo_codes")
      .select(["id", "code", "used_count"])
      .where("id", "=", input.promoId)
      .executeTakeFirst();
    if (!promo) throw notFound("We could not find that promo code.");
    const redeemed = await this.db
      .selectFrom("promo_redemptions")
      .select(["order_id", "region_code", "discount", "created_at", "released_at"])
      .where("promo_id", "=", input.promoId)
      .orderBy("created_at", "desc")
      .limit(input.limit)
      .execute();
    const labels = await orderLabels(
      this.db,
      redeemed.map((r) => ({ orderId: r.order_id, regionCode: r.region_code })),
    );
    const rows = redeemed.flatMap((r) => {
      const order = labels.get(r.order_id);
      return order ? [{ ...r, ...order }] : [];
    });
    const kept = rows.filter((r) => r.released_at === null);
    return {
      promoId: promo.id,
      code: promo.code,
      usedCount: promo.used_count,
      /** Discount given on redemptions still standing, per currency (minor units). */
      totals: Object.entries(
        kept.reduce<Record<string, number>>((acc, r) => {
          acc[r.currency] = (acc[r.currency] ?? 0) + r.discount;
          return acc;
        }, {}),
      ).map(([currency, discount]) => ({ currency, discount })),
      redemptions: rows.map((r) => ({
        orderId: r.order_id,
        orderNumber: r.orderNumber,
        storeId: r.storeId,
        currency: r.currency,
        discount: r.discount,
        at: iso(r.created_at)!,
        released: r.released_at !== null,
      })),
    };
  }
}
