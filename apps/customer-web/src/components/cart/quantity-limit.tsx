// Why a quantity stepper stops (issue 16, finding 5): at the most one line takes, the reason in words next
// to the stepper, which the disabled "+" points to.
import { MAX_LINE_QUANTITY } from "@pizza/contracts";
import { useT } from "../../i18n/index.tsx";

export { MAX_LINE_QUANTITY };

export function QuantityLimit({ quantity, id }: { quantity: number; id: string }) {
  const t = useT();
  if (quantity < MAX_LINE_QUANTITY) return null;
  return (
    <p id={id} className="small muted qty__limit" data-testid="quantity-limit">
      {t("cart.lineLimit", { max: MAX_LINE_QUANTITY })}
    </p>
  );
}
