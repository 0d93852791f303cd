// An item the store has run out of, opened from a link (`/build?item=…`): said plainly, for everyone, and
// the reason the add button is disabled (issue 16, finding 5).
export const STOCK_NOTICE_ID = "stock-notice";

export function StockNotice({ available }: { available: boolean }) {
  if (available) return null;
  return (
    <p id={STOCK_NOTICE_ID} className="alert alert--error" role="alert" data-testid="stock-notice">
      Out of stock at this store. Please choose something else from the menu.
    </p>
  );
}
