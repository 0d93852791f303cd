import { SignInForm, useSession } from "@pizza/ui";
import { useEffect, useState } from "react";
import { ConfirmSignUp, type SignUpContact } from "../components/confirm-sign-up.tsx";
import { useT } from "../i18n/index.tsx";
import { Link, navigate, safeNext, useLocation } from "../router.tsx";

export function SignInPage() {
  const t = useT();
  const { user } = useSession();
  const { query } = useLocation();
  const next = safeNext(query.get("next"), "/account");
  // The right password for a sign-up never confirmed: its code step instead of the form.
  const [unconfirmed, setUnconfirmed] = useState<SignUpContact | null>(null);

  useEffect(() => {
    if (user) navigate(next, { replace: true });
  }, [user, next]);

  return (
    <div className="page page--narrow stack">
      <h1>{t("title.signIn")}</h1>
      {query.get("signedOut") ? (
        <div className="alert alert--success" role="status">
          {t("signIn.signedOut")}
        </div>
      ) : null}
      {query.get("next") ? (
        <p className="muted">{t("signIn.toContinue")}</p>
      ) : (
        <p className="muted">{t("signIn.lead")}</p>
      )}
      <div className="card">
        {unconfirmed ? (
          <ConfirmSignUp
            contact={unconfirmed}
            onBack={() => setUnconfirmed(null)}
            backLabel={t("signIn.back")}
            next={query.get("next") ? next : null}
          />
        ) : (
          <SignInForm
            identityProviders="customer"
            onUnconfirmed={setUnconfirmed}
            onForgotPassword={() => navigate("/forgot-password")}
            footer={
              <p className="small center">
                {t("signIn.newHere")}{" "}
                <Link to={query.get("next") ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>
                  {t("cart.createAccount")}
                </Link>
              </p>
            }
          />
        )}
      </div>
    </div>
  );
}
