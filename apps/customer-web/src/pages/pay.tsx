// Paying a placed order by card: through Stripe's Payment Element when the server uses Stripe, else the
// test gateway's card form (with its simulated 3-D Secure step).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { TestCardForm } from "../components/pay/test-card-form.tsx";
import { ThreeDsDialog } from "../components/pay/three-ds-dialog.tsx";
import { customerWords } from "../lib/decline-words.ts";
import { useTestCardPayment } from "../lib/use-test-card-payment.ts";
import { orderMoney } from "../money.ts";
import { navigate, useLocation } from "../router.tsx";

// Stripe.js and the Payment Element: only fetched when this server takes cards through Stripe.
const StripePayment = lazy(() => import("./stripe-pay.tsx"));

export function PayPage() {
  const trpc = useTRPC();
  const { query } = useLocation();
  const orderId = query.get("order") ?? "";
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), enabled: orderId !== "" });
  const config = useQuery(trpc.payment.config.queryOptions());
  const payment = useTestCardPayment(orderId, order.data?.currency);

  if (!orderId) return <div className="page">No order to pay.</div>;
  if (order.isPending || config.isPending)
    return (
      <div className="page" role="status">
        Loading…
      </div>
    );
  if (order.isError) return <div className="page alert alert--error">{errorMessage(order.error)}</div>;
  const o = order.data;
  const total = orderMoney(o.total, o.currency);
  if (o.status !== "pending_payment")
    return (
      <div className="page stack">
        <p>This order is already paid.</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => navigate(`/track?order=${orderId}`)}
        >
          Track your order
        </button>
      </div>
    );

  const publishableKey = config.data?.publishableKey;
  return (
    <div className="page page--narrow stack pay">
      <h1>Pay {total}</h1>
      <p className="muted small">Order #{o.orderNumber}</p>
      {config.data?.gateway !== "stripe" ? (
        <TestCardForm payment={payment} testCards={config.data?.testCards ?? []} total={total} />
      ) : publishableKey ? (
        <Suspense
          fallback={
            <p className="small muted" role="status">
              Loading the secure card form…
            </p>
          }
        >
          <StripePayment
            orderId={orderId}
            publishableKey={publishableKey}
            amount={o.total}
            currency={o.currency}
            total={total}
            words={customerWords}
          />
        </Suspense>
      ) : (
        <div className="alert alert--info">
          Card payments are not set up on this server yet. Go back and choose cash on delivery.
        </div>
      )}
      {payment.challenge ? <ThreeDsDialog total={total} onAnswer={payment.authenticate} /> : null}
    </div>
  );
}
