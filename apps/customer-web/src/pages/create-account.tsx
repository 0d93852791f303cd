import {
  FormError,
  fieldErrors,
  formErrorMessage,
  linkToken,
  PasswordField,
  useFinishSignIn,
  useFocusFirstInvalid,
  useTRPC,
} from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { Link, navigate } from "../router.tsx";

/**
 * "Create your account" from the link in a guest's receipt (`/create-account#token=…`): a password makes
 * the guest checkout a full account with the receipt's email (`auth.claimGuestAccount`), orders kept.
 */
export function CreateAccountPage() {
  const t = useT();
  const trpc = useTRPC();
  const [token] = useState(() => linkToken("token"));
  const [password, setPassword] = useState("");
  const [refused, setRefused] = useState("");
  const finish = useFinishSignIn(
    ["customer"],
    t("claim.notCustomer"),
    () => navigate("/account?welcome=1", { replace: true }),
    setRefused,
  );
  const claim = useMutation(trpc.auth.claimGuestAccount.mutationOptions({ onSuccess: finish }));
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, claim.error);
  const errors = fieldErrors(claim.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (token) claim.mutate({ token, password });
  }

  return (
    <div className="page page--narrow stack">
      <h1>{t("title.signUp")}</h1>
      <p className="muted">{t("claim.lead")}</p>
      <div className="card">
        {token ? (
          <form ref={form} className="stack" onSubmit={submit} noValidate>
            <PasswordField
              label={t("claim.password")}
              name="new-password"
              autoComplete="new-password"
              hint={t("reset.hint")}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.password}
            />
            <FormError message={refused || formErrorMessage(claim.error, [errors.password])} />
            <button className="button button--primary button--block" type="submit" disabled={claim.isPending}>
              {claim.isPending ? t("claim.creating") : t("claim.submit")}
            </button>
          </form>
        ) : (
          <p>
            {t("claim.incomplete")} <Link to="/signup">{t("header.signUp")}</Link>
          </p>
        )}
      </div>
    </div>
  );
}
