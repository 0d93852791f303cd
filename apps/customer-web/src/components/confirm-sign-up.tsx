import { type CountryCode, errorMessage, FormError, TextField, useSession, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { navigate } from "../router.tsx";

/** The contact a sign-up was made with, as typed (the server normalizes it again). */
export type SignUpContact = { email: string } | { phone: string; country: CountryCode };

/** Seconds before "Send a new code" is offered again (the server allows 3 codes an hour per address). */
const RESEND_WAIT_S = 30;

/**
 * Sign-up, step two: the six-digit code sent to the new account's email or phone confirms it and signs
 * it in (`auth.confirmSignUp`). `sentTo` is the masked contact the server named; without it (coming
 * from sign-in, the code may be old) the step offers a new code at once.
 */
export function ConfirmSignUp({
  contact,
  sentTo,
  onBack,
  backLabel,
  next,
}: {
  contact: SignUpContact;
  sentTo?: string;
  onBack(): void;
  /** The way back; "Use a different email address / phone number" by default. */
  backLabel?: string;
  /** Where the customer was going (`?next=`): back there once signed in, else the account's welcome. */
  next?: string | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const { signIn } = useSession();
  const [code, setCode] = useState("");
  const [wait, setWait] = useState(sentTo ? RESEND_WAIT_S : 0);
  const [notice, setNotice] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const focusCode = () => form.current?.querySelector<HTMLInputElement>("input[name=one-time-code]")?.focus();
  const channel = "email" in contact ? "email" : "phone";

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the step appears
  useEffect(() => {
    focusCode();
  }, []);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const confirm = useMutation(
    trpc.auth.confirmSignUp.mutationOptions({
      onSuccess: (session) => {
        signIn(session);
        navigate(next ?? "/account?welcome=1");
      },
    }),
  );
  const resend = useMutation(
    trpc.auth.resendSignUpCode.mutationOptions({
      onSuccess: (answer) => {
        setNotice(t("verify.sentNew", { to: answer.sentTo }));
        setWait(RESEND_WAIT_S);
        setCode("");
        focusCode();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.reset();
    confirm.mutate({ ...contact, code: code.trim() });
  }

  const problem = resend.error ?? confirm.error;
  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">
        {channel === "email" ? t("confirm.checkEmail") : t("confirm.checkMessages")}
      </h2>
      <p>{sentTo ? t("confirm.sentTo", { to: sentTo }) : t("confirm.notConfirmed")}</p>
      <TextField
        label={t("confirm.code")}
        name="one-time-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
      />
      {notice ? (
        <p className="small success" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={problem ? errorMessage(problem) : ""} />
      <button
        className="button button--primary button--block"
        type="submit"
        disabled={confirm.isPending || code.length !== 6}
      >
        {confirm.isPending ? t("verify.checking") : t("confirm.submit")}
      </button>
      <p className="small center" aria-live="polite">
        {wait > 0 ? (
          t("confirm.wait", { seconds: wait })
        ) : (
          <>
            {t("confirm.noCode")}{" "}
            <button
              type="button"
              className="linkish"
              disabled={resend.isPending}
              onClick={() => {
                setNotice("");
                resend.mutate(contact);
              }}
            >
              {t("verify.sendNew")}
            </button>
          </>
        )}
      </p>
      <p className="small center">
        <button type="button" className="linkish" onClick={onBack}>
          {backLabel ?? (channel === "email" ? t("confirm.otherEmail") : t("confirm.otherPhone"))}
        </button>
      </p>
    </form>
  );
}
