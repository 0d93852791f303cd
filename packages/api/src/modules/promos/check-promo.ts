// `promo.check` and `payment.applyPromoCode`: a code against a cart (or an existing order's cart), with
// the discount breakdown when it applies or the precise reason it does not.
import type { Database, Kysely } from "@pizza/db";
import type { Message } from "../../i18n/message.ts";
import { resolveCart } from "../menu/builder-rules.ts";
import type { TCartLine } from "../menu/menu.schemas.ts";
import type { MenuService } from "../menu/menu.service.ts";
import { dealsOnOffer } from "../menu/menu-deals.ts";
import { type PriceBreakdown, priceCart } from "../pricing/pricing.ts";
import { evaluatePromo, normalizeCode } from "./evaluate-promo.ts";
import type { PromoRefusal } from "./promo-rules.ts";

export interface PromoCheckResult {
  code: string;
  applies: boolean;
  /** Why the code does not apply (expired, below minimum…), or null. */
  reason: string | null;
  /** `reason` as a catalog message (the procedure says it in the caller's language). */
  reasonMessage?: Message;
  reasonCode: PromoRefusal["code"] | null;
  description: string | null;
  /** The cart priced with the code (when it applies) or without it. */
  breakdown: PriceBreakdown;
}

export interface PromoCheckInput {
  code: string;
  storeId: string;
  channel: "delivery" | "carryout";
  items: readonly TCartLine[];
  tip?: number | undefined;
  locale?: string | undefined;
  excludeOrderId?: string | undefined;
}

export async function checkPromo(
  deps: { db: Kysely<Database>; menus: Pick<MenuService, "menu">; now: Date },
  customerId: string,
  input: PromoCheckInput,
): Promise<PromoCheckResult> {
  const menu = await deps.menus.menu(input.storeId, input.locale ?? "en");
  const lines = resolveCart(menu, input.items);
  const tip = input.tip ?? 0;
  const ev = await evaluatePromo(
    deps.db,
    {
      code: input.code,
      customerId,
      menu,
      lines,
      channel: input.channel,
      tip,
      excludeOrderId: input.excludeOrderId,
    },
    deps.now,
  );
  const breakdown = priceCart({
    region: menu.region,
    channel: input.channel,
    lines,
    tip,
    promo: ev.ok ? { code: ev.promo.code, rule: ev.rule } : undefined,
    deals: dealsOnOffer(menu, deps.now),
  });
  if (!ev.ok) {
    breakdown.promo = {
      code: normalizeCode(input.code),
      applied: false,
      reason: ev.refusal.reason,
      reasonMessage: ev.refusal.message,
    };
    return {
      code: normalizeCode(input.code),
      applies: false,
      reason: ev.refusal.reason,
      reasonMessage: ev.refusal.message,
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
