import { errorMessage, useTRPC } from "@pizza/ui";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe, type Stripe } from "@stripe/stripe-js";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { NEW_CARD, SavedCardChoice } from "../components/pay/saved-card-choice.tsx";
import { useT } from "../i18n/index.tsx";
import { uiLocale } from "../lib/app-locale.ts";
import { useSavedCards } from "../lib/use-saved-cards.ts";
import { newKey } from "../order-state.ts";
import { navigate } from "../router.tsx";

/**
 * Card payment through Stripe's Payment Element, in Stripe's "finalize payments on the server" flow:
 * the Element collects the card and Stripe.js turns it into a PaymentMethod; `payment.processPayment`
 * (idempotent per order, amount from the server) creates and confirms the PaymentIntent; a 3-D Secure
 * challenge is handled by Stripe.js (`handleNextAction`) and the outcome is read back from the server
 * (`payment.confirmAction`, which asks Stripe), never taken from the browser. A signed-in customer may
 * keep the card ("Save this card": Stripe attaches it to their Stripe Customer) or pay with a saved one;
 * Apple Pay and Google Pay appear inside the Payment Element where the browser offers them.
 *
 * This file (and Stripe.js, fetched from js.stripe.com) loads only on the payment page of a server with
 * Stripe configured.
 */
const loaded = new Map<string, Promise<Stripe | null>>();
const stripeFor = (publishableKey: string) => {
  let p = loaded.get(publishableKey);
  if (!p) {
    p = loadStripe(publishableKey);
    loaded.set(publishableKey, p);
  }
  return p;
};

type Result = { status: string; declineReason: string | null; clientSecret: string | null };

export default function StripePayment(props: {
  orderId: string;
  publishableKey: string;
  amount: number;
  currency: string;
  total: string;
  words(reason: string | null): string;
}) {
  return (
    <Elements
      stripe={stripeFor(props.publishableKey)}
      options={{
        mode: "payment",
        amount: props.amount,
        currency: props.currency.toLowerCase(),
        paymentMethodCreation: "manual",
        locale: uiLocale(),
      }}
    >
      <StripeForm {...props} />
    </Elements>
  );
}

function StripeForm({
  orderId,
  currency,
  total,
  words,
}: {
  orderId: string;
  currency: string;
  total: string;
  words(reason: string | null): string;
}) {
  const t = useT();
  const trpc = useTRPC();
  const stripe = useStripe();
  const elements = useElements();
  const pay = useMutation(trpc.payment.processPayment.mutationOptions());
  const confirm = useMutation(trpc.payment.confirmAction.mutationOptions());
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const saved = useSavedCards("stripe");
  const cards = saved.cards.data ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const [saveCard, setSaveCard] = useState(false);
  // A saved card is offered first; the Payment Element stays mounted (hidden) so switching back is instant.
  const chosen = picked ?? cards[0]?.id ?? NEW_CARD;
  const newCard = chosen === NEW_CARD;

  async function settle(result: Result) {
    if (result.status === "requires_action") {
      if (!stripe || !result.clientSecret) {
        setMessage(t("pay.securityCheckFailed"));
        return;
      }
      const action = await stripe.handleNextAction({ clientSecret: result.clientSecret });
      // Whatever the browser saw, the server asks Stripe for the intent's real state.
      const after = await confirm.mutateAsync({ orderId });
      if (after.status === "requires_action" && action.error) {
        setMessage(words(action.error.message ?? "authentication failed"));
        return;
      }
      return settle({ ...after, clientSecret: null });
    }
    if (result.status === "failed") {
      setMessage(words(result.declineReason));
      return;
    }
    navigate(`/track?order=${orderId}`, { replace: true });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || busy) return;
    setBusy(true);
    setMessage("");
    try {
      if (!newCard) {
        const paid = await pay.mutateAsync({
          orderId,
          clientRequestId: newKey(),
          currency,
          savedCardId: chosen,
        });
        return await settle(paid);
      }
      const checked = await elements.submit();
      if (checked.error) return setMessage(checked.error.message ?? t("pay.checkCard"));
      const created = await stripe.createPaymentMethod({ elements });
      if (created.error) return setMessage(created.error.message ?? t("pay.checkCard"));
      const result = await pay.mutateAsync({
        orderId,
        clientRequestId: newKey(),
        currency,
        method: { type: "stripe", paymentMethodId: created.paymentMethod.id },
        ...(saved.enabled && saveCard ? { saveCard: true } : {}),
      });
      await settle(result);
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="stripe-form">
      {cards.length > 0 ? <SavedCardChoice cards={cards} chosen={chosen} onChoose={setPicked} /> : null}
      <div className="stack" style={newCard ? undefined : { display: "none" }}>
        <PaymentElement onReady={() => setReady(true)} />
        {saved.enabled ? (
          <label className="checkbox">
            <input type="checkbox" checked={saveCard} onChange={(e) => setSaveCard(e.target.checked)} />
            {t("cards.save")}
          </label>
        ) : null}
      </div>
      {newCard && !ready ? (
        <p className="small muted" role="status">
          {t("pay.loadingForm")}
        </p>
      ) : null}
      {message ? (
        <div className="alert alert--error" role="alert" data-testid="pay-error">
          {message}
        </div>
      ) : null}
      <button
        type="submit"
        className="button button--primary button--block"
        disabled={(newCard && !ready) || busy}
        data-testid="pay"
      >
        {busy ? t("pay.paying") : t("pay.pay", { total })}
      </button>
      <p className="small muted">{t("pay.stripeNote")}</p>
    </form>
  );
}
