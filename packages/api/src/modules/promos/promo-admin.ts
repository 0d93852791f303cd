// Admin procedures for promo codes (create, list, pause/resume, redemptions), kept apart from the
// pricing rules in promos.service.ts. Codes are matched upper-case (the table's check constraint).
import type { Database } from "@pizza/db";
import type { Kysely } from "kysely";
import { z } from "zod";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import type { AuthUser } from "../auth/tokens.ts";

const region = z.string().regex(/^[a-z]{2,8}$/, "Region code looks like us.");

/** Words with which a description promises a ceiling on the discount ("up to 10", "at most $5", "max. 8 €"). */
const CAP_PROMISE = /\b(up to|at most|capped|max(imum)?)\b/i;

/**
 * A percent code whose description promises a cap it does not have (issue 13: WELCOME10 said "up to
 * 10" and gave 10% of any total). Null when text and code agree. Shared with the seed-data test.
 */
export function capPromiseProblem(p: {
  kind: string;
  description?: string | null | undefined;
  maxDiscount?: number | null | undefined;
}): string | null {
  if (p.kind !== "percent" || !p.description || p.maxDiscount != null) return null;
  if (!CAP_PROMISE.test(p.description)) return null;
  return 'The description promises a cap on the discount ("up to …"), but the code has no maxDiscount: set maxDiscount or reword the description.';
}

export const ZPromoCreateRequest = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_-]{3,32}$/, "A code is 3 to 32 letters, digits, - or _."),
    description: z.string().trim().max(200).optional(),
    kind: z.enum(["percent", "fixed", "free_delivery"]),
    percent: z.number().int().min(1, "At least 1%.").max(100, "At most 100%.").optional(),
    /** Fixed discounts: minor units of the region's currency. */
    amount: z.number().int().min(1).max(10_000_000).optional(),
    maxDiscount: z.number().int().min(1).max(10_000_000).optional(),
    minSubtotal: z.number().int().min(0).max(10_000_000).default(0),
    regionCode: region.optional(),
    storeId: z.uuid("Store id must be a UUID.").optional(),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validTo: z.iso.datetime({ offset: true }).optional(),
    usageLimit: z.number().int().min(1).max(10_000_000).optional(),
    perCustomerLimit: z.number().int().min(1).max(1000).optional(),
    firstOrderOnly: z.boolean().default(false),
  })
  .refine((v) => v.kind !== "percent" || v.percent !== undefined, {
    message: "A percent code needs its percentage.",
    path: ["percent"],
  })
  .refine((v) => v.kind !== "fixed" || (v.amount !== undefined && v.regionCode !== undefined), {
    message: "A fixed discount needs an amount and the region whose currency it is in.",
    path: ["amount"],
  })
  .refine((v) => !v.validFrom || !v.validTo || new Date(v.validFrom) < new Date(v.validTo), {
    message: "The code must start before it ends.",
    path: ["validTo"],
  })
  .superRefine((v, ctx) => {
    const problem = capPromiseProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["maxDiscount"] });
  });
export type TPromoCreateRequest = z.infer<typeof ZPromoCreateRequest>;

export const ZPromoListRequest = z
  .object({ regionCode: region.optional(), limit: z.number().int().min(1).max(200).default(100) })
  .default({ limit: 100 });
export const ZPromoSetActiveRequest = z.object({
  promoId: z.uuid("Promo id must be a UUID."),
  active: z.boolean(),
});
export const ZPromoRedemptionsRequest = z.object({
  promoId: z.uuid("Promo id must be a UUID."),
  limit: z.number().int().min(1).max(200).default(50),
});

const COLUMNS = [
  "id",
  "code",
  "description",
  "kind",
  "percent",
  "amount",
  "max_discount",
  "currency",
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
  "created_at",
] as const;

type Row = {
  id: string;
  code: string;
  description: string | null;
  kind: string;
  percent: number | null;
  amount: number | null;
  max_discount: number | null;
  currency: string | null;
  min_subtotal: number;
  valid_from: Date | null;
  valid_to: Date | null;
  region_code: string | null;
  store_id: string | null;
  first_order_only: boolean;
  per_customer_limit: number | null;
  usage_limit: number | null;
  used_count: number;
  active: boolean;
  created_at: Date;
};

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
    return ((await q.execute()) as Row[]).map(view);
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
      return view(row as Row);
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
    return view(row as Row);
  }

  async redemptions(input: { promoId: string; limit: number }) {
    const promo = await this.db
      .selectFrom("promo_codes")
      .select(["id", "code", "used_count"])
      .where("id", "=", input.promoId)
      .executeTakeFirst();
    if (!promo) throw notFound("We could not find that promo code.");
    const rows = await this.db
      .selectFrom("promo_redemptions as r")
      .innerJoin("orders as o", (j) =>
        j.onRef("o.id", "=", "r.order_id").onRef("o.region_code", "=", "r.region_code"),
      )
      .select([
        "r.order_id",
        "o.order_number",
        "o.store_id",
        "o.currency",
        "r.discount",
        "r.created_at",
        "r.released_at",
      ])
      .where("r.promo_id", "=", input.promoId)
      .orderBy("r.created_at", "desc")
      .limit(input.limit)
      .execute();
    const kept = rows.filter((r) => r.released_at === null);
    return {
      promoId: promo.id,
      code: promo.code,
      usedCount: promo.used_count,
      /** Discount given on redemptions still standing, per currency (minor units). */
      totals: Object.entries(
        kept.reduce<Record<string, number>>((acc, r) => {
          const c = r.currency.trim();
          acc[c] = (acc[c] ?? 0) + r.discount;
          return acc;
        }, {}),
      ).map(([currency, discount]) => ({ currency, discount })),
      redemptions: rows.map((r) => ({
        orderId: r.order_id,
        orderNumber: Number(r.order_number),
        storeId: r.store_id,
        currency: r.currency.trim(),
        discount: r.discount,
        at: iso(r.created_at)!,
        released: r.released_at !== null,
      })),
    };
  }
}
