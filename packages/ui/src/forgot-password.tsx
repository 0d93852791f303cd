import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { AccountContactFields, useAccountContact } from "./account-contact.tsx";
import { useSession, useTRPC, useTRPCClient } from "./api-provider.tsx";
import type { CountryCode } from "./countries.ts";
import { fieldErrors } from "./errors.ts";
import { FormError, formErrorMessage, PasswordField, TextField, useFocusFirstInvalid } from "./fields.tsx";
import type { AuthResponse, SessionUser } from "./session.ts";
import { useUiText } from "./ui-text.tsx";

/** The contact a reset was asked for, as typed (the server normalizes it again). */
export type ResetContact = { email: string } | { phone: string; country: CountryCode };

/** The secret of a reset or claim link, from the URL's fragment (`#reset=…`, `#token=…`), kept out of logs. */
export function linkToken(name: "reset" | "token"): string | undefined {
  if (typeof window === "undefined") return undefined;
  return new URLSearchParams(window.location.hash.slice(1)).get(name) ?? undefined;
}

/**
 * "Forgot password?" (`auth.requestPasswordReset`, then `auth.resetPassword`): ask for a code by email or
 * SMS, then type it with a new password; or, opened from the emailed link (`token`), the new password
 * only. On success the account is signed in (every other session of it has ended). `allowRoles` keeps
 * an app to its accounts, like SignInForm.
 */
export function ForgotPassword({
  token,
  allowRoles,
  wrongRoleMessage,
  onDone,
  onBack,
}: {
  token?: string | undefined;
  allowRoles?: readonly SessionUser["role"][];
  wrongRoleMessage?: string;
  onDone?(user: SessionUser): void;
  onBack(): void;
}) {
  const text = useUiText();
  const [sent, setSent] = useState<{ contact: ResetContact; sentTo: string } | null>(null);
  if (!token && !sent) return <RequestReset onSent={setSent} onBack={onBack} />;
  return (
    <SetNewPassword
      token={token}
      sent={sent}
      allowRoles={allowRoles}
      wrongRoleMessage={wrongRoleMessage ?? text.wrongRole}
      onDone={onDone}
      onRequestAgain={() => setSent(null)}
      onBack={onBack}
    />
  );
}

function RequestReset({
  onSent,
  onBack,
}: {
  onSent(sent: { contact: ResetContact; sentTo: string }): void;
  onBack(): void;
}) {
  const text = useUiText();
  const trpc = useTRPC();
  const contact = useAccountContact();
  const { method, email, phone, country } = contact;
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, request.error);
  const errors = fieldErrors(request.error);
  const contactError = method === "email" ? errors.email : (errors.phone ?? errors.email);

  function submit(event: FormEvent) {
    event.preventDefault();
    const typed: ResetContact = method === "email" ? { email } : { phone, country };
    request.mutate(typed, { onSuccess: (answer) => onSent({ contact: typed, sentTo: answer.sentTo }) });
  }

  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate aria-labelledby="forgot-heading">
      <h2 id="forgot-heading">{text.forgotTitle}</h2>
      <p className="muted">{text.forgotLead}</p>
      <AccountContactFields contact={contact} error={contactError} />
      <FormError message={formErrorMessage(request.error, [contactError])} />
      <button className="button button--primary button--block" type="submit" disabled={request.isPending}>
        {request.isPending ? text.sending : text.sendCode}
      </button>
      <p className="small center">
        <button type="button" className="link-button" onClick={onBack}>
          {text.backToSignIn}
        </button>
      </p>
    </form>
  );
}

function SetNewPassword({
  token,
  sent,
  allowRoles,
  wrongRoleMessage,
  onDone,
  onRequestAgain,
  onBack,
}: {
  token: string | undefined;
  sent: { contact: ResetContact; sentTo: string } | null;
  allowRoles: readonly SessionUser["role"][] | undefined;
  wrongRoleMessage: string;
  onDone: ((user: SessionUser) => void) | undefined;
  onRequestAgain(): void;
  onBack(): void;
}) {
  const text = useUiText();
  const trpc = useTRPC();
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [changedElsewhere, setChangedElsewhere] = useState("");
  const finish = useFinishSignIn(allowRoles, wrongRoleMessage, onDone, setChangedElsewhere);
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onSuccess: finish }));
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, reset.error);
  const errors = fieldErrors(reset.error);
  const codeError = errors.code ?? errors.token;

  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate(token ? { token, password } : { ...sent!.contact, code: code.trim(), password });
  }

  if (changedElsewhere)
    return (
      <div className="stack">
        <div className="alert alert--success" role="status">
          {text.passwordChanged} {changedElsewhere}
        </div>
        <button type="button" className="button button--block" onClick={onBack}>
          {text.backToSignIn}
        </button>
      </div>
    );
  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate aria-labelledby="new-password-heading">
      <h2 id="new-password-heading">{text.newPasswordTitle}</h2>
      {sent ? (
        <p>{text.codeSentTo.replace("{to}", sent.sentTo)}</p>
      ) : (
        <p className="muted">{text.newPasswordLead}</p>
      )}
      {token ? null : (
        <TextField
          label={text.sixDigitCode}
          name="one-time-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
          error={codeError}
        />
      )}
      <PasswordField
        label={text.newPassword}
        name="new-password"
        autoComplete="new-password"
        hint={text.passwordHint}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <FormError message={formErrorMessage(reset.error, [codeError, errors.password])} />
      <button className="button button--primary button--block" type="submit" disabled={reset.isPending}>
        {reset.isPending ? text.saving : text.setPasswordAndSignIn}
      </button>
      <p className="small center">
        <button type="button" className="link-button" onClick={token ? onBack : onRequestAgain}>
          {token ? text.backToSignIn : text.askNewCode}
        </button>
      </p>
    </form>
  );
}

/**
 * Signs in with the session a reset or claim answered, unless the app is not for this account's role:
 * then that new session is ended again and `refuse` gets the app's message.
 */
export function useFinishSignIn(
  allowRoles: readonly SessionUser["role"][] | undefined,
  wrongRoleMessage: string,
  onDone: ((user: SessionUser) => void) | undefined,
  refuse: (message: string) => void,
) {
  const client = useTRPCClient();
  const { signIn } = useSession();
  return async (response: AuthResponse) => {
    if (allowRoles && !allowRoles.includes(response.user.role)) {
      refuse(wrongRoleMessage);
      await client.auth.logout
        .mutate({ refreshToken: response.refreshToken }, { context: { token: response.accessToken } })
        .catch(() => undefined);
      return;
    }
    signIn(response);
    onDone?.(response.user);
  };
}
