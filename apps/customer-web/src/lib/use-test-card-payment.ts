// Paying an order with one of the test gateway's cards, including its simulated 3-D Secure step.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { newKey } from "../order-state.ts";
import { navigate } from "../router.tsx";
import { customerWords } from "./decline-words.ts";

type Result = {
  status: "succeeded" | "requires_action" | "failed" | "processing" | "pending";
  declineReason: string | null;
};

export function useTestCardPayment(orderId: string, currency: string | undefined) {
  const t = useT();
  const trpc = useTRPC();
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
      setMessage(customerWords(t, result.declineReason));
      setNumber("");
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setMessage("");
    const m = /^\s*(\d{1,2})\s*\/\s*(\d{2,4})\s*$/.exec(expiry);
    if (!m) return setMessage(t("pay.expiryFormat"));
    const year = Number(m[2]!.length === 2 ? `20${m[2]}` : m[2]);
    try {
      // A new request id per press: after a decline, the next card is a new attempt.
      const result = await pay.mutateAsync({
        orderId,
        clientRequestId: newKey(),
        ...(currency ? { currency } : {}),
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

  return {
    card: { number, setNumber, expiry, setExpiry, cvc, setCvc },
    message,
    busy,
    challenge,
    submit,
    authenticate,
  };
}

export type TestCardPayment = ReturnType<typeof useTestCardPayment>;
