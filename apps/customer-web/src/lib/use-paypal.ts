// Paying with PayPal: the server creates the PayPal order and answers with PayPal's approval page (or,
// on the embedded default, the simulated PayPal's); the browser goes there, and PayPal sends it back to
// /paypal/return or /paypal/cancel (pages/paypal-return.tsx).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "../i18n/index.tsx";
import { newKey } from "../order-state.ts";
import { navigate } from "../router.tsx";
import { customerWords } from "./decline-words.ts";

type Result = {
  status: "succeeded" | "requires_action" | "failed" | "processing" | "pending";
  nextAction: { type: string; url?: string | undefined } | null;
  declineReason: string | null;
};

/** Where a processPayment answer for PayPal sends the browser; a message when it goes nowhere. */
export function followPayPal(orderId: string, result: Result): string | null {
  if (result.status === "requires_action" && result.nextAction?.url) {
    window.location.assign(result.nextAction.url);
    return null;
  }
  if (result.status === "succeeded" || result.status === "processing") {
    navigate(`/track?order=${orderId}`, { replace: true });
    return null;
  }
  return result.declineReason;
}

export function usePayPal(orderId: string) {
  const t = useT();
  const trpc = useTRPC();
  const pay = useMutation(trpc.payment.processPayment.mutationOptions());
  const [message, setMessage] = useState("");

  async function start() {
    if (pay.isPending) return;
    setMessage("");
    try {
      const result = await pay.mutateAsync({
        orderId,
        clientRequestId: newKey(),
        method: { type: "paypal" },
      });
      const problem = followPayPal(orderId, result);
      if (problem !== null) setMessage(customerWords(t, problem));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

  return { start, busy: pay.isPending || pay.isSuccess, message };
}
