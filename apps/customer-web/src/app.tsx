import { type ReactNode, useEffect, useRef } from "react";
import { SiteHeader } from "./components/site-header.tsx";
import { AccountPage } from "./pages/account.tsx";
import { HomePage } from "./pages/home.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { SignInPage } from "./pages/sign-in.tsx";
import { SignUpPage } from "./pages/sign-up.tsx";
import { useLocation } from "./router.tsx";

const ROUTES: Record<string, { title: string; Page: () => ReactNode }> = {
  "/": { title: "Pizza, tracked to your door", Page: HomePage },
  "/signin": { title: "Sign in", Page: SignInPage },
  "/signup": { title: "Create your account", Page: SignUpPage },
  "/account": { title: "Your account", Page: AccountPage },
};

export function App() {
  const { path } = useLocation();
  const route = ROUTES[path] ?? { title: "Page not found", Page: NotFoundPage };
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    document.title = `${route.title} · Pronto Pizza`;
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route.title]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <route.Page />
      </main>
    </>
  );
}
