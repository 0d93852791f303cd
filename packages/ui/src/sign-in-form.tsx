import { useMutation } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { useSession, useTRPC, useTRPCClient } from "./api-provider.tsx";
import { type CountryCode, defaultCountry } from "./countries.ts";
import { fieldErrors } from "./errors.ts";
import {
  ContactFields,
  FormError,
  formErrorMessage,
  PasswordField,
  useFocusFirstInvalid,
} from "./fields.tsx";
import type { SessionUser } from "./session.ts";

/**
 * Sign in with email or phone + password (`auth.login`). `allowRoles` keeps an app to the accounts it is
 * for: a customer signing into the driver app is told so, and the tokens just issued are revoked.
 */
export function SignInForm({
  allowRoles,
  wrongRoleMessage = "This account cannot use this app.",
  onSignedIn,
  onUnconfirmed,
  onForgotPassword,
  footer,
}: {
  allowRoles?: readonly SessionUser["role"][];
  wrongRoleMessage?: string;
  onSignedIn?(user: SessionUser): void;
  /** The right password for a sign-up never confirmed with its code: the app can offer the code step. */
  onUnconfirmed?(contact: { email: string } | { phone: string; country: CountryCode }): void;
  /** Shows "Forgot password?" (the apps open ForgotPassword). */
  onForgotPassword?(): void;
  footer?: ReactNode;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { signIn } = useSession();
  const [method, setMethod] = useState<"email" | "phone">("email");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState<CountryCode>(() => defaultCountry());
  const [password, setPassword] = useState("");
  const [roleError, setRoleError] = useState("");

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (response) => {
        if (allowRoles && !allowRoles.includes(response.user.role)) {
          setRoleError(wrongRoleMessage);
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
  const contactError = method === "email" ? errors.email : (errors.phone ?? errors.email);

  function submit(event: FormEvent) {
    event.preventDefault();
    setRoleError("");
    login.mutate(method === "email" ? { email, password } : { phone, country, password });
  }

  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate>
      <ContactFields
        method={method}
        onMethodChange={setMethod}
        email={email}
        onEmailChange={setEmail}
        emailAutoComplete="username"
        phone={phone}
        onPhoneChange={setPhone}
        country={country}
        onCountryChange={setCountry}
        error={contactError}
      />
      <PasswordField
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      {onForgotPassword ? (
        <p className="small password-row">
          <button type="button" className="link-button" onClick={onForgotPassword}>
            Forgot password?
          </button>
        </p>
      ) : null}
      <FormError message={roleError || formErrorMessage(login.error, [contactError, errors.password])} />
      <button className="button button--primary button--block" type="submit" disabled={login.isPending}>
        {login.isPending ? "Signing in…" : "Sign in"}
      </button>
      {footer}
    </form>
  );
}
