import { errorMessage, useSession, useTRPC } from "@pizza/ui";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Breakdown } from "../components/breakdown.tsx";
import { GuestCheckout } from "../components/guest-checkout.tsx";
import { useMenu } from "../lib/use-menu.ts";
import { moneyIn } from "../money.ts";
import { cartStore, newKey, updateCart, useCart, useStart } from "../order-state.ts";
import { Link, navigate } from "../router.tsx";

const TIPS = [0, 10, 15, 20];

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
    enabled: user !== null && start !== null && items.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const [code, setCode] = useState(cart.promoCode ?? "");
  const [promoMessage, setPromoMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const queryClient = useQueryClient();
  // A quote for the cart (promo.check writes nothing); payment.applyPromoCode is for a placed order.
  const applyPromo = useMutation({
    mutationFn: (input: Parameters<typeof trpc.promo.check.queryOptions>[0]) =>
      queryClient.fetchQuery({ ...trpc.promo.check.queryOptions(input), staleTime: 0, retry: false }),
  });
  async function submitPromo(event: FormEvent) {
    event.preventDefault();
    if (!start || !code.trim()) return;
    setPromoMessage(null);
    try {
      const r = await applyPromo.mutateAsync({
        code: code.trim(),
        storeId: start.storeId,
        channel: start.channel,
        items,
        tip: cart.tip,
        ...(start.locale ? { locale: start.locale } : {}),
      });
      if (r.applies) {
        updateCart({ promoCode: r.code });
        setPromoMessage({ ok: true, text: `${r.code} applied${r.description ? `: ${r.description}` : ""}.` });
      } else {
        updateCart({ promoCode: undefined });
        setPromoMessage({ ok: false, text: r.reason ?? "That code does not apply to this order." });
      }
    } catch (e) {
      setPromoMessage({ ok: false, text: errorMessage(e) });
    }
  }

  // One key per checkout attempt: a double click or a retry after a network error reuses it, so the
  // server answers with the same order instead of placing a second one.
  const attempt = useRef<string | null>(null);
  const [payBy, setPayBy] = useState<"card" | "cash">("card");
  const [notes, setNotes] = useState("");
  const place = useMutation(trpc.order.placeOrder.mutationOptions());
  const pay = useMutation(trpc.payment.processPayment.mutationOptions());
  const [placeError, setPlaceError] = useState("");

  async function placeOrder() {
    if (!start || !quote.data || place.isPending) return;
    setPlaceError("");
    attempt.current ??= newKey();
    try {
      const order = await place.mutateAsync({
        idempotencyKey: attempt.current,
        channel: start.channel,
        paymentMethod: payBy,
        storeId: start.storeId,
        ...(start.channel === "delivery" && start.address && start.location
          ? { address: start.address, location: start.location }
          : {}),
        ...(start.scheduledFor ? { scheduledFor: start.scheduledFor } : {}),
        items,
        ...(cart.promoCode ? { promoCode: cart.promoCode } : {}),
        tip: cart.tip,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(start.locale ? { locale: start.locale } : {}),
        expectedTotal: quote.data.total,
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
      navigate(payBy === "cash" ? `/track?order=${order.id}` : `/pay?order=${order.id}`);
    } catch (e) {
      setPlaceError(errorMessage(e));
      // A refusal (prices changed, out of stock) means a new attempt once the cart changes.
      const status = (e as { data?: { httpStatus?: number } }).data?.httpStatus;
      if (status && status >= 400 && status < 500) attempt.current = null;
    }
  }

  if (!start) return null;
  const money = moneyIn(menu.data?.region ?? quote.data ?? { currency: "USD", currencyDigits: 2 }, locale);
  const subtotal = quote.data?.subtotal ?? 0;

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
                <li key={l.key} className="card cart-line" data-testid="cart-line">
                  <div className="stack stack--tight">
                    <strong>{priced?.name ?? l.name}</strong>
                    <LineDetails line={l.line} menu={menu.data} />
                  </div>
                  <div className="cart-line__side">
                    <div className="qty">
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`One fewer ${l.name}`}
                        onClick={() => {
                          const q = (l.line.quantity ?? 1) - 1;
                          updateCart({
                            lines:
                              q <= 0
                                ? cart.lines.filter((x) => x.key !== l.key)
                                : cart.lines.map((x) =>
                                    x.key === l.key ? { ...x, line: { ...x.line, quantity: q } } : x,
                                  ),
                          });
                        }}
                      >
                        −
                      </button>
                      <output aria-label={`Quantity of ${l.name}`}>{l.line.quantity ?? 1}</output>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`One more ${l.name}`}
                        onClick={() =>
                          updateCart({
                            lines: cart.lines.map((x) =>
                              x.key === l.key
                                ? {
                                    ...x,
                                    line: { ...x.line, quantity: Math.min(20, (x.line.quantity ?? 1) + 1) },
                                  }
                                : x,
                            ),
                          })
                        }
                      >
                        +
                      </button>
                    </div>
                    <strong>{priced ? money(priced.lineTotal) : ""}</strong>
                    <div className="row">
                      <Link to={`/build?line=${l.key}`} className="button button--ghost button--small">
                        Edit
                      </Link>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        onClick={() => updateCart({ lines: cart.lines.filter((x) => x.key !== l.key) })}
                      >
                        Remove
                      </button>
                    </div>
                  </div>
                </li>
              );
            })}
            <li>
              <Link to="/menu">+ Add more</Link>
            </li>
          </ul>

          <div className="stack cart__side">
            {user === null ? (
              <>
                <div className="card stack">
                  <p>Sign in or create an account to see your total and check out.</p>
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
            ) : (
              <>
                <form className="card stack stack--tight" onSubmit={submitPromo}>
                  <label className="field">
                    <span className="field__label">Promo code</span>
                    <div className="input-group">
                      <input
                        className="input"
                        name="promo"
                        value={code}
                        onChange={(e) => setCode(e.target.value)}
                        autoCapitalize="characters"
                      />
                      <button
                        type="submit"
                        className="button input-group__button"
                        disabled={applyPromo.isPending || !code.trim()}
                      >
                        {applyPromo.isPending ? "Checking…" : "Apply"}
                      </button>
                    </div>
                  </label>
                  {promoMessage ? (
                    <p
                      className={promoMessage.ok ? "promo-ok" : "alert alert--error"}
                      role="status"
                      data-testid="promo-message"
                    >
                      {promoMessage.text}
                    </p>
                  ) : null}
                  {cart.promoCode ? (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      onClick={() => {
                        updateCart({ promoCode: undefined });
                        setPromoMessage(null);
                        setCode("");
                      }}
                    >
                      Remove code {cart.promoCode}
                    </button>
                  ) : null}
                </form>

                {start.channel === "delivery" ? (
                  <fieldset className="card stack stack--tight tip-box">
                    <legend className="field__label">Tip for your driver</legend>
                    <div className="row">
                      {TIPS.map((pct) => {
                        const amount = Math.round((subtotal * pct) / 100);
                        return (
                          <button
                            key={pct}
                            type="button"
                            className={`button button--small ${cart.tip === amount && (pct > 0 || cart.tip === 0) ? "button--primary" : ""}`}
                            aria-pressed={cart.tip === amount}
                            onClick={() => updateCart({ tip: amount })}
                          >
                            {pct === 0 ? "No tip" : `${pct}% · ${money(amount)}`}
                          </button>
                        );
                      })}
                    </div>
                  </fieldset>
                ) : null}

                <section className="card stack" aria-label="Order total">
                  {quote.isError ? (
                    <div className="alert alert--error" role="alert">
                      {errorMessage(quote.error)}
                    </div>
                  ) : quote.data ? (
                    <Breakdown quote={quote.data} locale={locale} carryout={start.channel === "carryout"} />
                  ) : (
                    <p role="status">Pricing your order…</p>
                  )}
                  {quote.data?.promo && !quote.data.promo.applied ? (
                    <p className="small alert alert--info">
                      {quote.data.promo.code}: {quote.data.promo.reason}
                    </p>
                  ) : null}
                </section>

                <section className="card stack" aria-labelledby="checkout-h">
                  <h2 id="checkout-h">Checkout</h2>
                  <fieldset className="segmented">
                    <legend className="segmented__legend">Pay with</legend>
                    <label className="segmented__option">
                      <input
                        type="radio"
                        name="payBy"
                        checked={payBy === "card"}
                        onChange={() => setPayBy("card")}
                      />
                      <span>Card</span>
                    </label>
                    <label className="segmented__option">
                      <input
                        type="radio"
                        name="payBy"
                        checked={payBy === "cash"}
                        onChange={() => setPayBy("cash")}
                      />
                      <span>{start.channel === "delivery" ? "Cash on delivery" : "Cash at pickup"}</span>
                    </label>
                  </fieldset>
                  <label className="field">
                    <span className="field__label">Notes for the store (optional)</span>
                    <input
                      className="input"
                      value={notes}
                      onChange={(e) => setNotes(e.target.value)}
                      maxLength={500}
                    />
                  </label>
                  {placeError ? (
                    <div className="alert alert--error" role="alert">
                      {placeError}
                    </div>
                  ) : null}
                  <button
                    type="button"
                    className="button button--primary button--block"
                    disabled={!quote.data || quote.isFetching || place.isPending || pay.isPending}
                    onClick={placeOrder}
                    data-testid="place-order"
                  >
                    {place.isPending || pay.isPending
                      ? "Placing your order…"
                      : `Place order${quote.data ? ` · ${money(quote.data.total)}` : ""}`}
                  </button>
                </section>
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function LineDetails({
  line,
  menu,
}: {
  line: import("../order-state.ts").CartLineInput;
  menu: import("../order-state.ts").MenuData | undefined;
}) {
  if (!menu) return null;
  const parts: string[] = [];
  if (line.crust) parts.push(`${menu.crusts.find((c) => c.id === line.crust)?.name ?? line.crust} crust`);
  if (line.sauce) parts.push(menu.sauces.find((s) => s.id === line.sauce)?.name ?? line.sauce);
  if (line.cheese && line.cheese !== "normal") parts.push(`${line.cheese} cheese`);
  for (const t of line.toppings ?? []) {
    const name = menu.toppings.find((x) => x.id === t.id)?.name ?? t.id;
    const where = t.placement === "left" ? " (left)" : t.placement === "right" ? " (right)" : "";
    parts.push(`${t.portion === "extra" ? "extra " : ""}${name}${where}`);
  }
  for (const o of line.options ?? []) parts.push(o.split(":").pop() ?? o);
  return parts.length > 0 ? <span className="small muted">{parts.join(" · ")}</span> : null;
}
