// An item the store has run out of, opened from a link (`/build?item=…`): said plainly, for everyone, and
// the reason the add button is disabled (issue 16, finding 5).
import { useT } from "../../i18n/index.tsx";

export const STOCK_NOTICE_ID = "stock-notice";

export function StockNotice({ available }: { available: boolean }) {
  const t = useT();
  if (available) return null;
  return (
    <p id={STOCK_NOTICE_ID} className="alert alert--error" role="alert" data-testid="stock-notice">
      {t("builder.outOfStock")}
    </p>
  );
}
