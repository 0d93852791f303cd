// The tracker's summary: the order's lines, then the same breakdown the cart shows (subtotal, discount,
// delivery fee, tax, tip, total), so what the customer sees adds up.

import { useT } from "../../i18n/index.tsx";
import { appLocale } from "../../lib/app-locale.ts";
import { orderMoney } from "../../money.ts";
import type { OrderView, TrackView } from "../../order-state.ts";
import { Breakdown } from "../breakdown.tsx";

type SummaryOrder = Pick<
  OrderView,
  | "items"
  | "currency"
  | "channel"
  | "subtotal"
  | "discount"
  | "deals"
  | "deliveryFee"
  | "tax"
  | "taxLines"
  | "taxIncluded"
  | "tip"
  | "total"
  | "promoCode"
>;

export function OrderSummary({
  order: o,
  track,
  locale = appLocale(),
}: {
  order: SummaryOrder;
  track: Pick<TrackView, "currencyDigits">;
  locale?: string;
}) {
  const t = useT();
  return (
    <section
      className="card stack stack--tight"
      aria-label={t("track.yourOrder")}
      data-testid="order-summary"
    >
      <ul className="stack stack--tight plain-list">
        {o.items.map((i) => (
          <li key={i.lineNo} className="row row--between">
            <span>
              {i.quantity} × {i.name}
            </span>
            <span>{orderMoney(i.lineTotal, o.currency)}</span>
          </li>
        ))}
      </ul>
      <Breakdown
        locale={locale}
        carryout={o.channel === "carryout"}
        quote={{
          currency: o.currency,
          currencyDigits: track.currencyDigits,
          subtotal: o.subtotal,
          discount: o.discount,
          deals: o.deals,
          deliveryFee: o.deliveryFee,
          tax: o.tax,
          taxIncluded: o.taxIncluded,
          taxLines: o.taxLines,
          tip: o.tip,
          total: o.total,
          promo: o.promoCode
            ? { code: o.promoCode, applied: true, discount: o.discount, detail: "promo code" }
            : null,
        }}
      />
    </section>
  );
}
