// The cart: its lines with their live prices, and (signed in) the promo code, the driver's tip, the
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
import { TipChoice } from "../components/cart/tip-choice.tsx";
import { GuestCheckout } from "../components/guest-checkout.tsx";
import { useMenu } from "../lib/use-menu.ts";
import { usePlaceOrder } from "../lib/use-place-order.ts";
import { usePromoCode } from "../lib/use-promo-code.ts";
import { moneyIn } from "../money.ts";
import { useCart, useStart } from "../order-state.ts";
import { Link, navigate } from "../router.tsx";

export function CartPage() {
  const trpc = useTRPC();
  const { user } = useSession();
  const start = useStart();
  const cart = useCart();
  const menu = useMenu(start);
  useEffect(() => {
    if (!start) navigate("/start", { replace: true });
  }, [start]);

  const items = cart.lines.map((l) => l.line);
  const locale = menu.data?.region.locale ?? "en-US";
  const quote = useQuery({
    ...trpc.order.quote.queryOptions({
      channel: start?.channel ?? "carryout",
      storeId: start?.storeId,
      items,
      tip: cart.tip,
      ...(cart.promoCode ? { promoCode: cart.promoCode } : {}),
      ...(start?.locale ? { locale: start.locale } : {}),
    }),
    enabled: start !== null && items.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const promo = usePromoCode(start, items);
  const checkout = usePlaceOrder(start, items, quote.data);

  if (!start) return null;
  const money = moneyIn(menu.data?.region ?? quote.data ?? { currency: "USD", currencyDigits: 2 }, locale);
  const short = shortOfMinimum(start, menu.data, quote.data);
  const minimum = (
    <DeliveryMinimum short={short} minimum={menu.data?.region.minDeliverySubtotal ?? 0} money={money} />
  );

  return (
    <div className="page page--wide stack cart" lang={locale}>
      <h1>Your cart</h1>
      <p className="small muted">
        {start.storeName} ·{" "}
        {start.channel === "delivery" ? `Delivery to ${start.address?.line1 ?? "your pin"}` : "Carryout"} ·{" "}
        <Link to="/start">Change</Link>
      </p>
      {cart.lines.length === 0 ? (
        <div className="card stack">
          <p>Your cart is empty.</p>
          <Link to="/menu" className="button button--primary">
            Browse the menu
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
              <Link to="/menu">+ Add more</Link>
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
                <PromoForm promo={promo} />
                {start.channel === "delivery" ? (
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
  return (
    <>
      <div className="card stack">
        <p>Sign in or create an account to check out, or continue as a guest.</p>
        <div className="row">
          <Link to="/signin?next=/cart" className="button button--primary">
            Sign in
          </Link>
          <Link to="/signup?next=/cart" className="button">
            Create an account
          </Link>
        </div>
      </div>
      <GuestCheckout />
    </>
  );
}
