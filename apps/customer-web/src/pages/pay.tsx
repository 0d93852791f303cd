// Paying a placed order by card: through Stripe's Payment Element when the server uses Stripe, else the
// test gateway's card form (with its simulated 3-D Secure step); or with PayPal when it is offered.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { PayPalButton } from "../components/pay/paypal-button.tsx";
import { TestCardForm } from "../components/pay/test-card-form.tsx";
import { ThreeDsDialog } from "../components/pay/three-ds-dialog.tsx";
import { useT } from "../i18n/index.tsx";
import { customerWords } from "../lib/decline-words.ts";
import { useTestCardPayment } from "../lib/use-test-card-payment.ts";
import { orderMoney } from "../money.ts";
import { navigate, useLocation } from "../router.tsx";

// Stripe.js and the Payment Element: only fetched when this server takes cards through Stripe.
const StripePayment = lazy(() => import("./stripe-pay.tsx"));

export function PayPage() {
  const t = useT();
  const trpc = useTRPC();
  const { query } = useLocation();
  const orderId = query.get("order") ?? "";
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), enabled: orderId !== "" });
  const config = useQuery(trpc.payment.config.queryOptions());
  const payment = useTestCardPayment(orderId, order.data?.currency);

  if (!orderId) return <div className="page">{t("pay.noOrder")}</div>;
  if (order.isPending || config.isPending)
    return (
      <div className="page" role="status">
        {t("app.loading")}
      </div>
    );
  if (order.isError) return <div className="page alert alert--error">{errorMessage(order.error)}</div>;
  const o = order.data;
  const total = orderMoney(o.total, o.currency);
  if (o.status !== "pending_payment")
    return (
      <div className="page stack">
        <p>{t("pay.alreadyPaid")}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => navigate(`/track?order=${orderId}`)}
        >
          {t("pay.track")}
        </button>
      </div>
    );

  const publishableKey = config.data?.publishableKey;
  const paypal = config.data?.paypal;
  return (
    <div className="page page--narrow stack pay">
      <h1>{t("pay.pay", { total })}</h1>
      <p className="muted small">{t("pay.orderNumber", { number: o.orderNumber })}</p>
      {query.get("paypal") === "cancelled" ? (
        <div className="alert alert--info" role="status">
          {t("paypal.cancelled")}
        </div>
      ) : null}
      {paypal ? <PayPalButton orderId={orderId} simulated={paypal === "simulated"} /> : null}
      {config.data?.gateway !== "stripe" ? (
        <TestCardForm payment={payment} testCards={config.data?.testCards ?? []} total={total} />
      ) : publishableKey ? (
        <Suspense
          fallback={
            <p className="small muted" role="status">
              {t("pay.loadingForm")}
            </p>
          }
        >
          <StripePayment
            orderId={orderId}
            publishableKey={publishableKey}
            amount={o.total}
            currency={o.currency}
            total={total}
            words={(reason) => customerWords(t, reason)}
          />
        </Suspense>
      ) : (
        <div className="alert alert--info">{t("pay.notSetUp")}</div>
      )}
      {payment.challenge ? <ThreeDsDialog total={total} onAnswer={payment.authenticate} /> : null}
    </div>
  );
}
