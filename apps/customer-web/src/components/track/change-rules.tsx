// What can still be changed on an order and until when, in plain words, and what a change does to the
// payment (by how the order is paid and whether the card was charged yet).
import { useT } from "../../i18n/index.tsx";
import type { OrderView } from "../../order-state.ts";

export function ChangeRules({ order }: { order: Pick<OrderView, "status" | "paymentMethod" | "channel"> }) {
  const t = useT();
  const payment =
    order.status === "pending_payment"
      ? t("rules.unpaid")
      : order.paymentMethod === "cash"
        ? t(order.channel === "delivery" ? "rules.cashOnArrival" : "rules.cashAtPickup")
        : t("rules.card");
  return (
    <div className="stack stack--tight small" data-testid="change-rules">
      <p>
        <strong>{t("rules.until")}</strong> {t("rules.what")}
      </p>
      <p>{payment}</p>
    </div>
  );
}
