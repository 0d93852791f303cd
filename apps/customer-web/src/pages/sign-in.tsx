import { SignInForm, useSession } from "@pizza/ui";
import { useEffect, useState } from "react";
import { ConfirmSignUp, type SignUpContact } from "../components/confirm-sign-up.tsx";
import { Link, navigate, safeNext, useLocation } from "../router.tsx";

export function SignInPage() {
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
      <h1>Sign in</h1>
      {query.get("signedOut") ? (
        <div className="alert alert--success" role="status">
          You are signed out. See you soon!
        </div>
      ) : null}
      {query.get("next") ? (
        <p className="muted">Sign in to continue.</p>
      ) : (
        <p className="muted">Use the email address or phone number of your account.</p>
      )}
      <div className="card">
        {unconfirmed ? (
          <ConfirmSignUp
            contact={unconfirmed}
            onBack={() => setUnconfirmed(null)}
            backLabel="Back to sign in"
          />
        ) : (
          <SignInForm
            onUnconfirmed={setUnconfirmed}
            onForgotPassword={() => navigate("/forgot-password")}
            footer={
              <p className="small center">
                New here? <Link to="/signup">Create an account</Link>
              </p>
            }
          />
        )}
      </div>
    </div>
  );
}
