// Back from PayPal. /paypal/return: the buyer approved, so the server captures (confirmAction) and the
// order is paid; /paypal/cancel: the buyer gave up at PayPal, so the attempt is cancelled (cancelAttempt)
// and the pay page offers every way to pay again. PayPal adds ?token=…&PayerID=…; ?order= is ours.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { customerWords } from "../lib/decline-words.ts";
import { Link, navigate, useLocation } from "../router.tsx";

export function PayPalReturnPage() {
  const t = useT();
  const trpc = useTRPC();
  const { path, query } = useLocation();
  const orderId = query.get("order") ?? "";
  const cancelled = path === "/paypal/cancel";
  const confirm = useMutation(trpc.payment.confirmAction.mutationOptions());
  const giveUp = useMutation(trpc.payment.cancelAttempt.mutationOptions());
  const [message, setMessage] = useState("");
  const started = useRef(false);

  useEffect(() => {
    if (!orderId || started.current) return;
    started.current = true;
    if (cancelled) {
      // Nothing to cancel any more (already given up, or paid meanwhile) is fine: the pay page tells.
      giveUp
        .mutateAsync({ orderId })
        .catch(() => undefined)
        .finally(() => navigate(`/pay?order=${orderId}&paypal=cancelled`, { replace: true }));
      return;
    }
    confirm
      .mutateAsync({ orderId })
      .then((result) => {
        if (result.status === "succeeded" || result.status === "processing")
          navigate(`/track?order=${orderId}`, { replace: true });
        else if (result.status === "requires_action") setMessage(t("paypal.notApproved"));
        else setMessage(customerWords(t, result.declineReason));
      })
      .catch((e: unknown) => setMessage(errorMessage(e)));
  }, [orderId, cancelled, confirm, giveUp, t]);

  if (!orderId) return <div className="page">{t("pay.noOrder")}</div>;
  return (
    <div className="page page--narrow stack">
      <h1>{t("paypal.title")}</h1>
      {message ? (
        <>
          <div className="alert alert--error" role="alert">
            {message}
          </div>
          <Link to={`/pay?order=${orderId}`} className="button button--primary">
            {t("paypal.backToPay")}
          </Link>
        </>
      ) : (
        <p role="status">{cancelled ? t("paypal.cancelling") : t("paypal.confirming")}</p>
      )}
    </div>
  );
}
