import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "./api-provider.tsx";
import { FormError, formErrorMessage } from "./fields.tsx";
import { useFinishSignIn } from "./forgot-password.tsx";
import type { SessionUser } from "./session.ts";
import { useUiText } from "./ui-text.tsx";

/** Which app a provider sign-in returns to (the API sends the browser back to its sign-in page). */
export type OidcApp = "customer" | "store";

/**
 * "Continue with <provider>" for each OpenID Connect provider the API offers (`auth.identityProviders`;
 * none configured: nothing at all), and the way back: the API's callback opens the sign-in page at
 * `#oidc=<ticket>`, which is taken off the address bar at once and traded for the session
 * (`auth.completeOidcSignIn`), or for the sentence saying why not, shown here.
 */
export function IdentityProviders({
  app,
  allowRoles,
  wrongRoleMessage,
  onSignedIn,
}: {
  app: OidcApp;
  allowRoles?: readonly SessionUser["role"][] | undefined;
  wrongRoleMessage?: string | undefined;
  onSignedIn?: ((user: SessionUser) => void) | undefined;
}) {
  const text = useUiText();
  const trpc = useTRPC();
  const providers = useQuery(trpc.auth.identityProviders.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const [refused, setRefused] = useState("");
  const finish = useFinishSignIn(allowRoles, wrongRoleMessage ?? text.wrongRole, onSignedIn, setRefused);
  const complete = useMutation(trpc.auth.completeOidcSignIn.mutationOptions({ onSuccess: finish }));
  const started = useRef(false);

  useEffect(() => {
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("oidc");
    if (!ticket || started.current) return;
    started.current = true;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    complete.mutate({ ticket });
  }, [complete]);

  const list = providers.data ?? [];
  // The page's `?next=` travels through the provider and back (the API keeps same-app paths only).
  const next = new URLSearchParams(window.location.search).get("next");
  const back = `app=${app}${next ? `&next=${encodeURIComponent(next)}` : ""}`;
  const message = refused || formErrorMessage(complete.error, []);
  if (list.length === 0 && !message && !complete.isPending) return null;
  return (
    <div className="stack identity-providers">
      {complete.isPending ? (
        <p className="muted" role="status">
          {text.signingIn}
        </p>
      ) : null}
      <FormError message={message} />
      {list.map((p) => (
        <a
          key={p.id}
          className="button button--block"
          href={`/auth/oidc/${encodeURIComponent(p.id)}/start?${back}`}
        >
          {text.continueWith.replace("{provider}", p.label)}
        </a>
      ))}
      {list.length > 0 ? <p className="divider-or">{text.orWithPassword}</p> : null}
    </div>
  );
}
