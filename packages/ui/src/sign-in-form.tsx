import { useMutation } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { AccountContactFields, useAccountContact } from "./account-contact.tsx";
import { useSession, useTRPC, useTRPCClient } from "./api-provider.tsx";
import type { CountryCode } from "./countries.ts";
import { fieldErrors } from "./errors.ts";
import { FormError, formErrorMessage, PasswordField, useFocusFirstInvalid } from "./fields.tsx";
import { IdentityProviders, type OidcApp } from "./identity-providers.tsx";
import type { SessionUser } from "./session.ts";
import { useUiText } from "./ui-text.tsx";

/**
 * Sign in with email or phone + password (`auth.login`). `allowRoles` keeps an app to the accounts it is
 * for: a customer signing into the driver app is told so, and the tokens just issued are revoked.
 */
export function SignInForm({
  allowRoles,
  wrongRoleMessage,
  onSignedIn,
  onUnconfirmed,
  onForgotPassword,
  footer,
  identityProviders,
}: {
  allowRoles?: readonly SessionUser["role"][];
  wrongRoleMessage?: string;
  onSignedIn?(user: SessionUser): void;
  /** The right password for a sign-up never confirmed with its code: the app can offer the code step. */
  onUnconfirmed?(contact: { email: string } | { phone: string; country: CountryCode }): void;
  /** Shows "Forgot password?" (the apps open ForgotPassword). */
  onForgotPassword?(): void;
  footer?: ReactNode;
  /** Offers "Continue with <provider>" for the API's OpenID Connect providers, returning to this app. */
  identityProviders?: OidcApp;
}) {
  const text = useUiText();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { signIn } = useSession();
  const contact = useAccountContact();
  const { method, email, phone, country } = contact;
  const [password, setPassword] = useState("");
  const [roleError, setRoleError] = useState("");
  // Empty fields are said next to them before anything is sent.
  const [checked, setChecked] = useState(false);

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (response) => {
        if (allowRoles && !allowRoles.includes(response.user.role)) {
          setRoleError(wrongRoleMessage ?? text.wrongRole);
          await client.auth.logout
            .mutate({ refreshToken: response.refreshToken }, { context: { token: response.accessToken } })
            .catch(() => undefined);
          return;
        }
        signIn(response);
        onSignedIn?.(response.user);
      },
      onError: (error, input) => {
        const details = isTRPCClientError(error)
          ? (error.data as { details?: { reason?: string } })?.details
          : null;
        if (details?.reason !== "unconfirmed" || !onUnconfirmed) return;
        onUnconfirmed(input.email !== undefined ? { email: input.email } : { phone: input.phone!, country });
      },
    }),
  );
  const errors = fieldErrors(login.error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, login.error);
  const emptyContact = method === "email" ? !email.trim() : !phone.trim();
  const missingContact =
    checked && emptyContact ? (method === "email" ? text.emailRequired : text.phoneRequired) : "";
  const missingPassword = checked && !password ? text.passwordRequired : "";
  const contactError = missingContact || (method === "email" ? errors.email : (errors.phone ?? errors.email));

  function submit(event: FormEvent) {
    event.preventDefault();
    setRoleError("");
    setChecked(true);
    if (emptyContact || !password) {
      login.reset();
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    login.mutate(method === "email" ? { email, password } : { phone, country, password });
  }

  return (
    <>
      {identityProviders ? (
        <IdentityProviders
          app={identityProviders}
          allowRoles={allowRoles}
          wrongRoleMessage={wrongRoleMessage}
          onSignedIn={onSignedIn}
        />
      ) : null}
      <form ref={form} className="stack" onSubmit={submit} noValidate>
        <AccountContactFields contact={contact} error={contactError} />
        <PasswordField
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missingPassword || errors.password}
        />
        {onForgotPassword ? (
          <p className="small password-row">
            <button type="button" className="link-button" onClick={onForgotPassword}>
              {text.forgotPassword}
            </button>
          </p>
        ) : null}
        <FormError message={roleError || formErrorMessage(login.error, [contactError, errors.password])} />
        <button className="button button--primary button--block" type="submit" disabled={login.isPending}>
          {login.isPending ? text.signingIn : text.signIn}
        </button>
        {footer}
      </form>
    </>
  );
}
