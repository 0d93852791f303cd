// The delivery minimum, said in the cart as soon as the subtotal is below it (issue 16, finding 5), not
// only after pressing Place order; the checkout button points here for why it is disabled.
import { useT } from "../../i18n/index.tsx";
import type { MenuData, Quote, Start } from "../../order-state.ts";

export const DELIVERY_MINIMUM_ID = "delivery-minimum";

/** How much is missing for delivery (0 when carryout, not priced yet, or enough). */
export function shortOfMinimum(start: Start, menu: MenuData | undefined, quote: Quote | undefined): number {
  if (start.channel !== "delivery" || !menu || !quote) return 0;
  return Math.max(0, menu.region.minDeliverySubtotal - quote.subtotal);
}

export function DeliveryMinimum({
  short,
  minimum,
  money,
}: {
  short: number;
  minimum: number;
  money(amount: number): string;
}) {
  const t = useT();
  if (short <= 0) return null;
  return (
    <p id={DELIVERY_MINIMUM_ID} className="alert alert--info" role="status" data-testid="delivery-minimum">
      {t("cart.deliveryMinimum", { short: money(short), minimum: money(minimum) })}
    </p>
  );
}
