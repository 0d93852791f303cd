import { ApiHealth, PizzaMark, useSession } from "@pizza/ui";
import { Link, navigate } from "../router.tsx";

export function SiteHeader() {
  const { user, signOut } = useSession();
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="brand">
          <PizzaMark size={30} />
          <span>Pronto Pizza</span>
        </Link>
        <ApiHealth />
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
    </header>
  );
}
