// What can still be changed on an order and until when, in plain words, and what a change does to the
// payment (by how the order is paid and whether the card was charged yet).
import type { OrderView } from "../../order-state.ts";

export function ChangeRules({ order }: { order: Pick<OrderView, "status" | "paymentMethod" | "channel"> }) {
  const payment =
    order.status === "pending_payment"
      ? "You have not paid yet, so you pay the new total."
      : order.paymentMethod === "cash"
        ? `You pay the new total in cash ${order.channel === "delivery" ? "when it arrives" : "when you pick it up"}.`
        : "Your card is already charged: if a change costs less, we refund the difference. A change that costs more is not possible — cancel and order again instead.";
  return (
    <div className="stack stack--tight small" data-testid="change-rules">
      <p>
        <strong>Until the kitchen starts cooking</strong> you can change a pizza, add or remove items, or
        cancel the whole order. After that, the order can no longer be changed.
      </p>
      <p>{payment}</p>
    </div>
  );
}
