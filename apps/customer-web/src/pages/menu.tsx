import { errorMessage } from "@pizza/ui";
import { useEffect } from "react";
import { DealCards } from "../components/menu/deal-cards.tsx";
import { MenuImage } from "../components/menu-image.tsx";
import { PromoBanners } from "../components/promo-banners.tsx";
import { Rating } from "../components/stars.tsx";
import { useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { useMenu } from "../lib/use-menu.ts";
import { moneyIn } from "../money.ts";
import { cartCount, type MenuItem, useCart, useStart } from "../order-state.ts";
import { Link, navigate } from "../router.tsx";

export function MenuPage() {
  const t = useT();
  const start = useStart();
  const cart = useCart();
  useEffect(() => {
    if (!start) navigate("/start", { replace: true });
  }, [start]);
  const menu = useMenu(start);
  if (!start) return null;
  if (menu.isPending)
    return (
      <div className="page" role="status">
        {t("menu.loading")}
      </div>
    );
  if (menu.isError)
    return (
      <div className="page stack">
        <div className="alert alert--error">{errorMessage(menu.error)}</div>
        <button type="button" className="button" onClick={() => menu.refetch()}>
          {t("common.tryAgain")}
        </button>
      </div>
    );
  const m = menu.data;
  const locale = appLocale();
  const money = moneyIn(m.region);
  const count = cartCount(cart);

  function fromPrice(item: MenuItem) {
    const prices = item.variants.map((v) => v.price);
    if (prices.length === 0) return "";
    const min = Math.min(...prices);
    return prices.length > 1 ? t("menu.from", { price: money(min) }) : money(min);
  }

  return (
    <div className="page page--wide stack menu" lang={locale}>
      <div className="menu__head">
        <div className="stack stack--tight">
          <h1>{m.store.name}</h1>
          <p className="muted small">
            {start.channel === "delivery"
              ? t("menu.deliveryTo", { place: start.address?.line1 ?? t("menu.yourPin") })
              : t("start.carryout")}{" "}
            ·{" "}
            {start.scheduledFor
              ? new Date(start.scheduledFor).toLocaleString(locale, {
                  dateStyle: "medium",
                  timeStyle: "short",
                })
              : t("menu.asSoonAsPossible")}{" "}
            · <Link to="/start">{t("menu.change")}</Link>
          </p>
          {!m.store.openNow ? (
            <div className="alert alert--info">
              {m.store.opensAt
                ? t("menu.closedOpensAt", {
                    at: new Date(m.store.opensAt).toLocaleString(locale, {
                      weekday: "short",
                      hour: "2-digit",
                      minute: "2-digit",
                    }),
                  })
                : t("menu.closedNow")}
            </div>
          ) : null}
          {m.ratingsUnavailable ? <p className="small muted">{t("menu.ratingsUnavailable")}</p> : null}
        </div>
      </div>
      <PromoBanners storeId={m.store.id} />
      <nav aria-label={t("menu.categories")} className="chips">
        {m.categories.map((c) => (
          <a key={c.id} href={`#cat-${c.id}`} className="chip">
            {c.name}
          </a>
        ))}
      </nav>
      <DealCards menu={m} cart={cart} />
      {m.categories.map((c) => {
        const items = m.items.filter((i) => i.categoryId === c.id);
        if (items.length === 0) return null;
        return (
          <section key={c.id} id={`cat-${c.id}`} className="stack" aria-labelledby={`cat-h-${c.id}`}>
            <h2 id={`cat-h-${c.id}`}>{c.name}</h2>
            <ul className="menu-grid">
              {items.map((item) => (
                <li
                  key={item.id}
                  className={`menu-card card ${item.available ? "" : "menu-card--out"}`}
                  data-testid={`item-${item.id}`}
                >
                  {item.image ? (
                    <MenuImage
                      image={item.image}
                      sizes="(min-width: 40rem) 20rem, 100vw"
                      className="menu-card__image"
                    />
                  ) : null}
                  <div className="stack stack--tight">
                    <div className="menu-card__title">
                      <h3>{item.name}</h3>
                      {item.tags.includes("vegetarian") || item.tags.includes("veggie") ? (
                        <span className="badge">{t("menu.veggie")}</span>
                      ) : null}
                    </div>
                    {item.description ? <p className="small muted">{item.description}</p> : null}
                    {m.ratingsUnavailable ? null : <Rating rating={item.rating} />}
                  </div>
                  <div className="menu-card__foot">
                    <strong>{fromPrice(item)}</strong>
                    {item.available ? (
                      <Link
                        to={`/build?item=${encodeURIComponent(item.id)}`}
                        className="button button--small button--primary"
                        aria-label={t(item.kind === "pizza" ? "menu.customizeItem" : "menu.addItem", {
                          item: item.name,
                        })}
                      >
                        {item.kind === "pizza" ? t("menu.customize") : t("menu.add")}
                      </Link>
                    ) : (
                      <span className="badge badge--closed">{t("menu.outOfStock")}</span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {count > 0 ? (
        <div className="cart-bar">
          <Link to="/cart" className="button button--primary button--block">
            {t("menu.viewCart", { count })}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
