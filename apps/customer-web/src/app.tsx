import { type ComponentType, lazy, Suspense, useEffect, useRef } from "react";
import { SiteHeader } from "./components/site-header.tsx";
import { type MessageKey, useT } from "./i18n/index.tsx";
import { AccountPage } from "./pages/account.tsx";
import { BuilderPage } from "./pages/builder.tsx";
import { CartPage } from "./pages/cart.tsx";
import { CreateAccountPage } from "./pages/create-account.tsx";
import { FindOrderPage } from "./pages/find-order.tsx";
import { ForgotPasswordPage } from "./pages/forgot-password.tsx";
import { HomePage } from "./pages/home.tsx";
import { MenuPage } from "./pages/menu.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { OrdersPage } from "./pages/orders.tsx";
import { PayPage } from "./pages/pay.tsx";
import { PayPalReturnPage } from "./pages/paypal-return.tsx";
import { SignInPage } from "./pages/sign-in.tsx";
import { SignUpPage } from "./pages/sign-up.tsx";
import { StartPage } from "./pages/start.tsx";
import { useLocation } from "./router.tsx";

// The tracker brings Socket.IO and the map: loaded when someone opens it.
const TrackPage = lazy(() => import("./pages/track.tsx"));

const ROUTES: Record<string, { title: MessageKey; Page: ComponentType }> = {
  "/": { title: "title.home", Page: HomePage },
  "/signin": { title: "title.signIn", Page: SignInPage },
  "/signup": { title: "title.signUp", Page: SignUpPage },
  "/forgot-password": { title: "title.resetPassword", Page: ForgotPasswordPage },
  "/reset-password": { title: "title.resetPassword", Page: ForgotPasswordPage },
  "/create-account": { title: "title.signUp", Page: CreateAccountPage },
  "/account": { title: "title.account", Page: AccountPage },
  "/start": { title: "title.start", Page: StartPage },
  "/menu": { title: "title.menu", Page: MenuPage },
  "/build": { title: "title.build", Page: BuilderPage },
  "/cart": { title: "title.cart", Page: CartPage },
  "/pay": { title: "title.pay", Page: PayPage },
  "/paypal/return": { title: "title.pay", Page: PayPalReturnPage },
  "/paypal/cancel": { title: "title.pay", Page: PayPalReturnPage },
  "/track": { title: "title.track", Page: TrackPage },
  "/orders": { title: "title.orders", Page: OrdersPage },
  "/find-order": { title: "title.findOrder", Page: FindOrderPage },
};

export function App() {
  const { path } = useLocation();
  const t = useT();
  const route = ROUTES[path.startsWith("/t/") ? "/track" : path] ?? {
    title: "title.notFound",
    Page: NotFoundPage,
  };
  const title = t(route.title);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    document.title = `${title} · Pronto Pizza`;
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [title]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <SiteHeader />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <Suspense
          fallback={
            <div className="page" role="status">
              {t("app.loading")}
            </div>
          }
        >
          <route.Page />
        </Suspense>
      </main>
    </>
  );
}
