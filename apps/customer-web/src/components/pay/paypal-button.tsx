// "Pay with PayPal" on the pay page: off to PayPal's approval page (on the embedded default, the
// simulated PayPal's, which the button says plainly).
import { useT } from "../../i18n/index.tsx";
import { usePayPal } from "../../lib/use-paypal.ts";

export function PayPalButton({ orderId, simulated }: { orderId: string; simulated: boolean }) {
  const t = useT();
  const paypal = usePayPal(orderId);
  return (
    <section className="card stack" aria-labelledby="paypal-h">
      <h2 id="paypal-h">{t("paypal.title")}</h2>
      {simulated ? <p className="alert alert--info small">{t("paypal.simulated")}</p> : null}
      {paypal.message ? (
        <div className="alert alert--error" role="alert">
          {paypal.message}
        </div>
      ) : null}
      <button
        type="button"
        className="button button--block"
        disabled={paypal.busy}
        onClick={() => void paypal.start()}
        data-testid="pay-with-paypal"
      >
        {paypal.busy ? t("paypal.going") : t("paypal.pay")}
      </button>
    </section>
  );
}
