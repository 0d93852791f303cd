// Placing the cart as an order: card (on to the pay page), PayPal (on to PayPal's approval page) or cash (paid on delivery or at pickup,
// straight to the tracker). One key per checkout attempt: a double click or a retry after a network
// error reuses it, so the server answers with the same order instead of placing a second one.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { type CartLineInput, cartStore, newKey, type Quote, type Start, useCart } from "../order-state.ts";
import { navigate } from "../router.tsx";
import { appLocale } from "./app-locale.ts";
import { followPayPal } from "./use-paypal.ts";

export function usePlaceOrder(start: Start | null, items: CartLineInput[], quote: Quote | undefined) {
  const trpc = useTRPC();
  const cart = useCart();
  const attempt = useRef<string | null>(null);
  const [payBy, setPayBy] = useState<"card" | "paypal" | "cash">("card");
  const config = useQuery(trpc.payment.config.queryOptions());
  const [notes, setNotes] = useState("");
  const place = useMutation(trpc.order.placeOrder.mutationOptions());
  const pay = useMutation(trpc.payment.processPayment.mutationOptions());
  const [error, setError] = useState("");

  async function placeOrder() {
    if (!start || !quote || place.isPending) return;
    setError("");
    attempt.current ??= newKey();
    try {
      const order = await place.mutateAsync({
        idempotencyKey: attempt.current,
        channel: start.channel,
        // PayPal pays before the store sees the order, like a card.
        paymentMethod: payBy === "cash" ? "cash" : "card",
        storeId: start.storeId,
        ...(start.channel === "delivery" && start.address && start.location
          ? { address: start.address, location: start.location }
          : {}),
        ...(start.scheduledFor ? { scheduledFor: start.scheduledFor } : {}),
        items,
        ...(cart.promoCode ? { promoCode: cart.promoCode } : {}),
        ...(cart.rewardId ? { rewardId: cart.rewardId } : {}),
        tip: cart.tip,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        locale: appLocale(),
        expectedTotal: quote.total,
      });
      if (payBy === "cash") {
        await pay.mutateAsync({
          orderId: order.id,
          clientRequestId: `cash-${attempt.current}`,
          method: { type: "cash" },
        });
      }
      attempt.current = null;
      cartStore.set({ lines: [], tip: 0 });
      if (payBy === "paypal") {
        // Straight on to PayPal; anything else (a refusal) is shown on the pay page, where every way to pay is.
        const result = await pay
          .mutateAsync({
            orderId: order.id,
            clientRequestId: `paypal-${order.id}`,
            method: { type: "paypal" },
          })
          .catch(() => null);
        if (!result || followPayPal(order.id, result) !== null) navigate(`/pay?order=${order.id}`);
        return;
      }
      navigate(payBy === "cash" ? `/track?order=${order.id}` : `/pay?order=${order.id}`);
    } catch (e) {
      setError(errorMessage(e));
      // A refusal (prices changed, out of stock) means a new attempt once the cart changes.
      const status = (e as { data?: { httpStatus?: number } }).data?.httpStatus;
      if (status && status >= 400 && status < 500) attempt.current = null;
    }
  }

  return {
    payBy,
    setPayBy,
    notes,
    setNotes,
    error,
    placing: place.isPending || pay.isPending,
    /** PayPal is offered (by PayPal, or the embedded default's simulated PayPal). */
    paypal: config.data?.paypal !== undefined,
    placeOrder,
  };
}

export type PlaceOrder = ReturnType<typeof usePlaceOrder>;
