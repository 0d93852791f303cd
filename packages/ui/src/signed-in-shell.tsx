import { type ReactNode, useState } from "react";
import { ApiHealth } from "./api-health.tsx";
import { useSession } from "./api-provider.tsx";
import { ForgotPassword, linkToken } from "./forgot-password.tsx";
import { PizzaMark } from "./pizza-mark.tsx";
import type { SessionUser } from "./session.ts";
import { SignInForm } from "./sign-in-form.tsx";

/**
 * The frame of the staff-facing apps (driver PWA, store console): header with the app's name, live
 * API health and sign-out; a sign-in card limited to the roles the app is for; then the app itself.
 */
export function SignedInShell({
  appName,
  allowRoles,
  wrongRoleMessage,
  intro,
  headerExtra,
  identityProviders,
  children,
}: {
  appName: string;
  allowRoles: readonly SessionUser["role"][];
  wrongRoleMessage: string;
  intro: ReactNode;
  headerExtra?: ReactNode;
  /** "Continue with <provider>" on the sign-in card (the store console's staff and their company IdP). */
  identityProviders?: "store";
  children(user: SessionUser): ReactNode;
}) {
  const { user, signOut } = useSession();
  const allowed = user !== null && allowRoles.includes(user.role);
  // The emailed reset link opens the app at `#reset=…`: straight to "Set a new password".
  const [resetToken, setResetToken] = useState(() => linkToken("reset"));
  const [forgot, setForgot] = useState(resetToken !== undefined);
  const closeForgot = () => {
    setForgot(false);
    setResetToken(undefined);
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  };
  return (
    <>
      <header className="app-header">
        <div className="app-header__inner">
          <span className="brand">
            <PizzaMark size={30} />
            <span>
              <span className="brand__name">Pronto Pizza </span>
              <span className="brand__tag">{appName}</span>
            </span>
          </span>
          <ApiHealth />
          {headerExtra}
          {user ? (
            <button type="button" className="button button--small header-end" onClick={() => void signOut()}>
              Sign out
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" className="page stack">
        {allowed ? (
          children(user)
        ) : (
          <>
            <div className="stack stack--tight">
              <h1>Sign in</h1>
              <div className="muted">{intro}</div>
            </div>
            <div className="card">
              {forgot ? (
                <ForgotPassword
                  token={resetToken}
                  allowRoles={allowRoles}
                  wrongRoleMessage={wrongRoleMessage}
                  onDone={closeForgot}
                  onBack={closeForgot}
                />
              ) : (
                <SignInForm
                  allowRoles={allowRoles}
                  wrongRoleMessage={wrongRoleMessage}
                  onForgotPassword={() => setForgot(true)}
                  {...(identityProviders ? { identityProviders } : {})}
                />
              )}
            </div>
          </>
        )}
      </main>
    </>
  );
}

/** Who is signed in, for the placeholder home screens. */
export function UserSummary({ user }: { user: SessionUser }) {
  return (
    <dl className="summary" data-testid="signed-in-user">
      <div>
        <dt>Signed in as</dt>
        <dd>{user.name}</dd>
      </div>
      <div>
        <dt>Role</dt>
        <dd>
          <span className="badge">{user.role}</span>
        </dd>
      </div>
      {user.email || user.phone ? (
        <div>
          <dt>Account</dt>
          <dd>{user.email ?? user.phone}</dd>
        </div>
      ) : null}
      {user.storeId ? (
        <div>
          <dt>Store</dt>
          <dd>
            <code>{user.storeId}</code>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
