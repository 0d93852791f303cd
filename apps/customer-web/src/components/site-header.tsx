import { ApiHealth, PizzaMark, useSession } from "@pizza/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useT } from "../i18n/index.tsx";
import { LOCALE_NAMES, LOCALES, setUiLocale, type UiLocale, useUiLocale } from "../lib/app-locale.ts";
import { cartCount, useCart, useStart } from "../order-state.ts";
import { Link, navigate, useLocation } from "../router.tsx";

/** Signing in or up from a page comes back to it (not from the sign-in pages themselves). */
function withNext(to: string, path: string, search: string) {
  return path === "/signin" || path === "/signup" || path === "/"
    ? to
    : `${to}?next=${encodeURIComponent(path + search)}`;
}

function LanguageSwitch() {
  const t = useT();
  const locale = useUiLocale();
  const queryClient = useQueryClient();
  // The server's words on screen (promo notes, cancel reasons) are asked for again in the new language.
  const switchTo = (next: UiLocale) => {
    setUiLocale(next);
    void queryClient.invalidateQueries();
  };
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("header.language")}</span>
      <select
        className="language-switch__select"
        value={locale}
        onChange={(e) => switchTo(e.target.value as UiLocale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SiteHeader() {
  const t = useT();
  const { user, signOut } = useSession();
  const { path, query } = useLocation();
  const search = query.size > 0 ? `?${query.toString()}` : "";
  const cart = useCart();
  const start = useStart();
  const count = cartCount(cart);
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="brand">
          <PizzaMark size={30} />
          <span className="brand__name">Pronto Pizza</span>
        </Link>
        <ApiHealth />
        <LanguageSwitch />
        <div className="site-navs">
          <nav aria-label={t("header.ordering")} className="site-nav">
            <Link to={start ? "/menu" : "/start"} className="button button--ghost button--small">
              {t("header.menu")}
            </Link>
            <Link to="/cart" className="button button--ghost button--small">
              {t("header.cart")}
              {count > 0 ? (
                <span className="cart-count" aria-hidden="true">
                  {count}
                </span>
              ) : null}
              <span className="visually-hidden">{t("header.cartCount", { count })}</span>
            </Link>
            {user ? (
              <Link to="/orders" className="button button--ghost button--small">
                {t("header.orders")}
              </Link>
            ) : (
              <Link to="/find-order" className="button button--ghost button--small">
                {t("header.findOrder")}
              </Link>
            )}
          </nav>
          <nav aria-label={t("header.account")} className="site-nav">
            {user ? (
              <>
                <Link to="/account" className="button button--ghost button--small">
                  {user.name.split(" ")[0] || t("header.account")}
                </Link>
                <button
                  type="button"
                  className="button button--small"
                  onClick={async () => {
                    await signOut();
                    navigate("/signin?signedOut=1");
                  }}
                >
                  {t("header.signOut")}
                </button>
              </>
            ) : (
              <>
                <Link to={withNext("/signin", path, search)} className="button button--ghost button--small">
                  {t("header.signIn")}
                </Link>
                <Link to={withNext("/signup", path, search)} className="button button--primary button--small">
                  {t("header.signUp")}
                </Link>
              </>
            )}
          </nav>
        </div>
      </div>
    </header>
  );
}
