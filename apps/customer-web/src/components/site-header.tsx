import { ApiHealth, PizzaMark, useSession } from "@pizza/ui";
import { cartCount, useCart, useStart } from "../order-state.ts";
import { Link, navigate } from "../router.tsx";

export function SiteHeader() {
  const { user, signOut } = useSession();
  const cart = useCart();
  const start = useStart();
  const count = cartCount(cart);
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="brand">
          <PizzaMark size={30} />
          <span>Pronto Pizza</span>
        </Link>
        <ApiHealth />
        <div className="site-navs">
          <nav aria-label="Ordering" className="site-nav">
            <Link to={start ? "/menu" : "/start"} className="button button--ghost button--small">
              Menu
            </Link>
            <Link to="/cart" className="button button--ghost button--small">
              Cart
              {count > 0 ? (
                <span className="cart-count" aria-hidden="true">
                  {count}
                </span>
              ) : null}
              <span className="visually-hidden">
                , {count} {count === 1 ? "item" : "items"}
              </span>
            </Link>
            {user ? (
              <Link to="/orders" className="button button--ghost button--small">
                Orders
              </Link>
            ) : (
              <Link to="/find-order" className="button button--ghost button--small">
                Find order
              </Link>
            )}
          </nav>
          <nav aria-label="Account" className="site-nav">
            {user ? (
              <>
                <Link to="/account" className="button button--ghost button--small">
                  {user.name.split(" ")[0] || "Account"}
                </Link>
                <button
                  type="button"
                  className="button button--small"
                  onClick={async () => {
                    await signOut();
                    navigate("/signin?signedOut=1");
                  }}
                >
                  Sign out
                </button>
              </>
            ) : (
              <>
                <Link to="/signin" className="button button--ghost button--small">
                  Sign in
                </Link>
                <Link to="/signup" className="button button--primary button--small">
                  Sign up
                </Link>
              </>
            )}
          </nav>
        </div>
      </div>
    </header>
  );
}
