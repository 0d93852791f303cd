import { type ComponentType, lazy, Suspense, useEffect, useRef } from "react";
import { SiteHeader } from "./components/site-header.tsx";
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
import { SignInPage } from "./pages/sign-in.tsx";
import { SignUpPage } from "./pages/sign-up.tsx";
import { StartPage } from "./pages/start.tsx";
import { useLocation } from "./router.tsx";

// The tracker brings Socket.IO and the map: loaded when someone opens it.
const TrackPage = lazy(() => import("./pages/track.tsx"));

const ROUTES: Record<string, { title: string; Page: ComponentType }> = {
  "/": { title: "Pizza, tracked to your door", Page: HomePage },
  "/signin": { title: "Sign in", Page: SignInPage },
  "/signup": { title: "Create your account", Page: SignUpPage },
  "/forgot-password": { title: "Reset your password", Page: ForgotPasswordPage },
  "/reset-password": { title: "Reset your password", Page: ForgotPasswordPage },
  "/create-account": { title: "Create your account", Page: CreateAccountPage },
  "/account": { title: "Your account", Page: AccountPage },
  "/start": { title: "Delivery or carryout", Page: StartPage },
  "/menu": { title: "Menu", Page: MenuPage },
  "/build": { title: "Build your pizza", Page: BuilderPage },
  "/cart": { title: "Your cart", Page: CartPage },
  "/pay": { title: "Payment", Page: PayPage },
  "/track": { title: "Order tracker", Page: TrackPage },
  "/orders": { title: "Your orders", Page: OrdersPage },
  "/find-order": { title: "Find my order", Page: FindOrderPage },
};

export function App() {
  const { path } = useLocation();
  const route = ROUTES[path.startsWith("/t/") ? "/track" : path] ?? {
    title: "Page not found",
    Page: NotFoundPage,
  };
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
        <Suspense
          fallback={
            <div className="page" role="status">
              Loading…
            </div>
          }
        >
          <route.Page />
        </Suspense>
      </main>
    </>
  );
}
