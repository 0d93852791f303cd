// The cart's promo code: checked against the cart as it is (promo.check writes nothing; the code is
// applied for real when the order is placed), remembered in the cart when it applies.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { type CartLineInput, type Start, updateCart, useCart } from "../order-state.ts";
import { appLocale } from "./app-locale.ts";

export function usePromoCode(start: Start | null, items: CartLineInput[]) {
  const t = useT();
  const trpc = useTRPC();
  const cart = useCart();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(cart.promoCode ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const check = useMutation({
    mutationFn: (input: Parameters<typeof trpc.promo.check.queryOptions>[0]) =>
      queryClient.fetchQuery({ ...trpc.promo.check.queryOptions(input), staleTime: 0, retry: false }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!start || !code.trim()) return;
    setMessage(null);
    try {
      const r = await check.mutateAsync({
        code: code.trim(),
        storeId: start.storeId,
        channel: start.channel,
        items,
        tip: cart.tip,
        locale: appLocale(),
      });
      if (r.applies) {
        updateCart({ promoCode: r.code });
        setMessage({
          ok: true,
          text: r.description
            ? t("promo.appliedWith", { code: r.code, description: r.description })
            : t("promo.applied", { code: r.code }),
        });
      } else {
        updateCart({ promoCode: undefined });
        setMessage({ ok: false, text: r.reason ?? t("promo.doesNotApply") });
      }
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  }

  function remove() {
    updateCart({ promoCode: undefined });
    setMessage(null);
    setCode("");
  }

  return { code, setCode, message, checking: check.isPending, applied: cart.promoCode, submit, remove };
}

export type PromoCode = ReturnType<typeof usePromoCode>;
