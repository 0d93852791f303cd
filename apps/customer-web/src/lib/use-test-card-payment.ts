// Paying an order with one of the test gateway's cards, including its simulated 3-D Secure step. The card
// is checked on the page first (card-checks.ts: Luhn, expiry, security code) with a message next to each
// field; a message goes away as soon as its field (or, for the gateway's answer, any field) changes.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { newKey } from "../order-state.ts";
import { navigate } from "../router.tsx";
import { type CardProblems, cardDigits, cardProblems, parseExpiry } from "./card-checks.ts";
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
  const [number, setNumberRaw] = useState("");
  const [expiry, setExpiryRaw] = useState("12/34");
  const [cvc, setCvcRaw] = useState("123");
  const [message, setMessage] = useState("");
  const [problems, setProblems] = useState<CardProblems>({});
  // A field being fixed: its own message and the gateway's answer about the last try go.
  const editing = (field: keyof CardProblems, set: (v: string) => void) => (value: string) => {
    set(value);
    setMessage("");
    setProblems(({ [field]: _gone, ...rest }) => rest);
  };
  const setNumber = editing("number", setNumberRaw);
  const setExpiry = editing("expiry", setExpiryRaw);
  const setCvc = editing("cvc", setCvcRaw);
  const [challenge, setChallenge] = useState(false);
  const busy = pay.isPending || confirm.isPending;

  function handle(result: Result) {
    if (result.status === "succeeded" || result.status === "pending" || result.status === "processing") {
      navigate(`/track?order=${orderId}`, { replace: true });
    } else if (result.status === "requires_action") {
      setChallenge(true);
    } else {
      setMessage(customerWords(t, result.declineReason));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setMessage("");
    const found = cardProblems({ number, expiry, cvc });
    setProblems(found);
    const exp = parseExpiry(expiry);
    if (Object.keys(found).length > 0 || !exp) {
      // The first wrong field gets the focus (its message is read out through aria-describedby).
      const first = found.number ? "cardNumber" : found.expiry ? "expiry" : "cvc";
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    try {
      // A new request id per press: after a decline, the next card is a new attempt.
      const result = await pay.mutateAsync({
        orderId,
        clientRequestId: newKey(),
        ...(currency ? { currency } : {}),
        method: {
          type: "test_card",
          number: cardDigits(number),
          expMonth: exp.month,
          expYear: exp.year,
          cvc: cvc.trim(),
        },
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
    problems,
    busy,
    challenge,
    submit,
    authenticate,
  };
}

export type TestCardPayment = ReturnType<typeof useTestCardPayment>;
