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
import { Link, navigate } from "../router.tsx";

/**
 * "Create your account" from the link in a guest's receipt (`/create-account#token=…`): a password makes
 * the guest checkout a full account with the receipt's email (`auth.claimGuestAccount`), orders kept.
 */
export function CreateAccountPage() {
  const trpc = useTRPC();
  const [token] = useState(() => linkToken("token"));
  const [password, setPassword] = useState("");
  const [refused, setRefused] = useState("");
  const finish = useFinishSignIn(
    ["customer"],
    "This link is not for a customer account.",
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
      <h1>Create your account</h1>
      <p className="muted">
        Set a password to keep your orders and check out faster next time. You will sign in with the email
        address your receipt was sent to.
      </p>
      <div className="card">
        {token ? (
          <form ref={form} className="stack" onSubmit={submit} noValidate>
            <PasswordField
              label="Choose a password"
              name="new-password"
              autoComplete="new-password"
              hint="At least 10 characters; a few uncommon words work well."
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.password}
            />
            <FormError message={refused || formErrorMessage(claim.error, [errors.password])} />
            <button className="button button--primary button--block" type="submit" disabled={claim.isPending}>
              {claim.isPending ? "Creating…" : "Create my account"}
            </button>
          </form>
        ) : (
          <p>
            This link is not complete. Open it again from your receipt, or <Link to="/signup">sign up</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
