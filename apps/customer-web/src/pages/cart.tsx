// The cart: its lines with their live prices, and (signed in) a loyalty reward, the promo code, the driver's tip, the
// total and checkout; signed out, sign-in or guest checkout.
import { useSession, useTRPC } from "@pizza/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { CartLineItem } from "../components/cart/cart-line.tsx";
import { CheckoutSection } from "../components/cart/checkout-section.tsx";
import {
  DELIVERY_MINIMUM_ID,
  DeliveryMinimum,
  shortOfMinimum,
} from "../components/cart/delivery-minimum.tsx";
import { DrinkSuggestion } from "../components/cart/drink-suggestion.tsx";
import { OrderTotal } from "../components/cart/order-total.tsx";
import { PromoForm } from "../components/cart/promo-form.tsx";
import { RewardChoice } from "../components/cart/reward-choice.tsx";
import { TipChoice } from "../components/cart/tip-choice.tsx";
import { GuestCheckout } from "../components/guest-checkout.tsx";
import { useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { useMenu } from "../lib/use-menu.ts";
import { usePlaceOrder } from "../lib/use-place-order.ts";
import { usePromoCode } from "../lib/use-promo-code.ts";
import { moneyIn } from "../money.ts";
import { updateCart, useCart, useStart } from "../order-state.ts";
import { Link, navigate } from "../router.tsx";

export function CartPage() {
  const t = useT();
  const trpc = useTRPC();
  const { user } = useSession();
  const start = useStart();
  const cart = useCart();
  const menu = useMenu(start);
  useEffect(() => {
    if (!start) navigate("/start", { replace: true });
  }, [start]);

  // Tokyo takes no tips (the server refuses one): none is offered, and none is kept from before. Until the
  // menu says which region this is, no tip is offered and none is dropped.
  const tipsAccepted = menu.data ? menu.data.region.tipsAccepted !== false : undefined;
  useEffect(() => {
    if (tipsAccepted === false && cart.tip > 0) updateCart({ tip: 0 });
  }, [tipsAccepted, cart.tip]);

  const items = cart.lines.map((l) => l.line);
  const locale = appLocale();
  const quote = useQuery({
    ...trpc.order.quote.queryOptions({
      channel: start?.channel ?? "carryout",
      storeId: start?.storeId,
      items,
      tip: tipsAccepted === false ? 0 : cart.tip,
      ...(cart.promoCode ? { promoCode: cart.promoCode } : {}),
      ...(user && cart.rewardId ? { rewardId: cart.rewardId } : {}),
      locale,
    }),
    enabled: start !== null && items.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const promo = usePromoCode(start, items);
  const checkout = usePlaceOrder(start, items, quote.data);

  if (!start) return null;
  const money = moneyIn(menu.data?.region ?? quote.data ?? { currency: "USD", currencyDigits: 2 });
  const short = shortOfMinimum(start, menu.data, quote.data);
  const minimum = (
    <DeliveryMinimum short={short} minimum={menu.data?.region.minDeliverySubtotal ?? 0} money={money} />
  );

  return (
    <div className="page page--wide stack cart" lang={locale}>
      <h1>{t("title.cart")}</h1>
      <p className="small muted">
        {start.storeName} ·{" "}
        {start.channel === "delivery"
          ? t("menu.deliveryTo", { place: start.address?.line1 ?? t("menu.yourPin") })
          : t("start.carryout")}{" "}
        · <Link to="/start">{t("menu.change")}</Link>
      </p>
      {cart.lines.length === 0 ? (
        <div className="card stack">
          <p>{t("cart.empty")}</p>
          <Link to="/menu" className="button button--primary">
            {t("cart.browse")}
          </Link>
        </div>
      ) : (
        <div className="cart__grid">
          <ul className="cart-lines stack">
            {cart.lines.map((l, i) => {
              const priced = quote.data?.lines[i];
              return (
                <CartLineItem
                  key={l.key}
                  line={l}
                  lines={cart.lines}
                  name={priced?.name ?? l.name}
                  price={priced ? money(priced.lineTotal) : ""}
                  menu={menu.data}
                />
              );
            })}
            <li>
              <Link to="/menu">+ {t("cart.addMore")}</Link>
            </li>
            <DrinkSuggestion menu={menu.data} lines={cart.lines} money={money} />
          </ul>

          <div className="stack cart__side">
            {minimum}
            {user === null ? (
              <>
                <OrderTotal
                  quote={quote.data}
                  error={quote.isError ? quote.error : null}
                  locale={locale}
                  carryout={start.channel === "carryout"}
                />
                <SignedOut />
              </>
            ) : (
              <>
                <RewardChoice
                  regionCode={menu.data?.region.code}
                  chosen={cart.rewardId}
                  refusal={
                    quote.data?.reward && !quote.data.reward.applied ? quote.data.reward.reason : undefined
                  }
                />
                <PromoForm promo={promo} />
                {start.channel === "delivery" && tipsAccepted === true ? (
                  <TipChoice subtotal={quote.data?.subtotal ?? 0} tip={cart.tip} money={money} />
                ) : null}
                <OrderTotal
                  quote={quote.data}
                  error={quote.isError ? quote.error : null}
                  locale={locale}
                  carryout={start.channel === "carryout"}
                />
                <CheckoutSection
                  checkout={checkout}
                  channel={start.channel}
                  total={quote.data ? money(quote.data.total) : null}
                  ready={quote.data !== undefined && !quote.isFetching}
                  blockedBy={short > 0 ? DELIVERY_MINIMUM_ID : undefined}
                />
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

/** Signed out: sign in, create an account, or check out as a guest. */
function SignedOut() {
  const t = useT();
  return (
    <>
      <div className="card stack">
        <p>{t("cart.signInToCheckOut")}</p>
        <div className="row">
          <Link to="/signin?next=/cart" className="button button--primary">
            {t("header.signIn")}
          </Link>
          <Link to="/signup?next=/cart" className="button">
            {t("cart.createAccount")}
          </Link>
        </div>
      </div>
      <GuestCheckout />
    </>
  );
}
