import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { orderMoney } from "../money.ts";
import { newKey } from "../order-state.ts";
import { navigate, useLocation } from "../router.tsx";

// Stripe.js and the Payment Element: only fetched when this server takes cards through Stripe.
const StripePayment = lazy(() => import("./stripe-pay.tsx"));

type Result = {
  status: "succeeded" | "requires_action" | "failed" | "processing" | "pending";
  declineReason: string | null;
};

/** Card declines in the words of someone standing at their door, not a gateway log. */
function customerWords(reason: string | null) {
  if (!reason) return "Your bank declined this card. Try another card.";
  if (/insufficient/i.test(reason)) return "The card was declined: not enough funds. Try another card.";
  if (/expired/i.test(reason)) return "This card has expired. Try another card.";
  if (/authenticat|3-?d/i.test(reason))
    return "The card's security check did not pass. Try again or use another card.";
  return `Your bank declined this card (${reason.replace(/\.$/, "")}). Try another card.`;
}

export function PayPage() {
  const trpc = useTRPC();
  const { query } = useLocation();
  const orderId = query.get("order") ?? "";
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), enabled: orderId !== "" });
  const config = useQuery(trpc.payment.config.queryOptions());
  const pay = useMutation(trpc.payment.processPayment.mutationOptions());
  const confirm = useMutation(trpc.payment.confirmAction.mutationOptions());
  const [number, setNumber] = useState("");
  const [expiry, setExpiry] = useState("12/34");
  const [cvc, setCvc] = useState("123");
  const [message, setMessage] = useState("");
  const [challenge, setChallenge] = useState(false);
  const busy = pay.isPending || confirm.isPending;

  function handle(result: Result) {
    if (result.status === "succeeded" || result.status === "pending" || result.status === "processing") {
      navigate(`/track?order=${orderId}`, { replace: true });
    } else if (result.status === "requires_action") {
      setChallenge(true);
    } else {
      setMessage(customerWords(result.declineReason));
      setNumber("");
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setMessage("");
    const m = /^\s*(\d{1,2})\s*\/\s*(\d{2,4})\s*$/.exec(expiry);
    if (!m) return setMessage("Enter the expiry date as MM/YY.");
    const year = Number(m[2]!.length === 2 ? `20${m[2]}` : m[2]);
    try {
      // A new request id per press: after a decline, the next card is a new attempt.
      const result = await pay.mutateAsync({
        orderId,
        clientRequestId: newKey(),
        ...(order.data ? { currency: order.data.currency } : {}),
        method: { type: "test_card", number, expMonth: Number(m[1]), expYear: year, cvc },
      });
      handle(result);
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

  async function authenticate(outcome: "approve" | "fail") {
    setChallenge(false);
    try {
      handle(await confirm.mutateAsync({ orderId, simulatedOutcome: outcome }));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

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

  const stripe = config.data?.gateway === "stripe";
  return (
    <div className="page page--narrow stack pay">
      <h1>Pay {total}</h1>
      <p className="muted small">Order #{o.orderNumber}</p>
      {stripe ? (
        config.data?.publishableKey ? (
          <Suspense
            fallback={
              <p className="small muted" role="status">
                Loading the secure card form…
              </p>
            }
          >
            <StripePayment
              orderId={orderId}
              publishableKey={config.data.publishableKey}
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
        )
      ) : (
        <>
          <div className="test-mode" role="note" data-testid="test-mode">
            <strong>TEST MODE</strong> — no real card is charged. Use one of these numbers (any future expiry,
            any CVC):
            <ul className="small">
              {(config.data?.testCards ?? []).map((c) => (
                <li key={c.number}>
                  <button
                    type="button"
                    className="linkish"
                    onClick={() => setNumber(c.number.replace(/(\d{4})(?=\d)/g, "$1 "))}
                    aria-label={`Use test card ${c.number.replace(/(\d{4})(?=\d)/g, "$1 ")}: ${c.behaviour}`}
                  >
                    <code>{c.number.replace(/(\d{4})(?=\d)/g, "$1 ")}</code>
                  </button>{" "}
                  — {c.behaviour}
                </li>
              ))}
            </ul>
          </div>
          <form className="card stack" onSubmit={submit} noValidate>
            <label className="field">
              <span className="field__label">Card number</span>
              <input
                className="input"
                name="cardNumber"
                inputMode="numeric"
                autoComplete="cc-number"
                value={number}
                onChange={(e) => setNumber(e.target.value)}
                placeholder="4242 4242 4242 4242"
              />
            </label>
            <div className="grid-2">
              <label className="field">
                <span className="field__label">Expiry (MM/YY)</span>
                <input
                  className="input"
                  name="expiry"
                  autoComplete="cc-exp"
                  value={expiry}
                  onChange={(e) => setExpiry(e.target.value)}
                />
              </label>
              <label className="field">
                <span className="field__label">Security code</span>
                <input
                  className="input"
                  name="cvc"
                  inputMode="numeric"
                  autoComplete="cc-csc"
                  value={cvc}
                  onChange={(e) => setCvc(e.target.value)}
                />
              </label>
            </div>
            {message ? (
              <div className="alert alert--error" role="alert" data-testid="pay-error">
                {message}
              </div>
            ) : null}
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={busy || number.trim() === ""}
              data-testid="pay"
            >
              {busy ? "Paying…" : `Pay ${total}`}
            </button>
          </form>
        </>
      )}
      {challenge ? (
        <div className="dialog-backdrop">
          <div
            className="card stack dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="tds-h"
            data-testid="three-ds"
          >
            <h2 id="tds-h">Confirm it's you</h2>
            <p>Your bank asks you to approve this payment of {total} (simulated 3-D Secure, test mode).</p>
            <div className="row">
              <button
                type="button"
                className="button button--primary"
                onClick={() => authenticate("approve")}
                ref={(b) => b?.focus()}
              >
                Approve
              </button>
              <button type="button" className="button" onClick={() => authenticate("fail")}>
                Fail authentication
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
