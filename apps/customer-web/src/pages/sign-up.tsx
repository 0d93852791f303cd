import {
  ContactFields,
  type CountryCode,
  defaultCountry,
  FormError,
  fieldErrors,
  formErrorMessage,
  PasswordField,
  TextField,
  useFocusFirstInvalid,
  useSession,
  useTRPC,
} from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ConfirmSignUp, type SignUpContact } from "../components/confirm-sign-up.tsx";
import { passwordRules } from "../password-rules.ts";
import { Link, navigate } from "../router.tsx";

export function SignUpPage() {
  const trpc = useTRPC();
  const { user } = useSession();
  const [method, setMethod] = useState<"email" | "phone">("email");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState<CountryCode>(() => defaultCountry());
  const [password, setPassword] = useState("");
  // Step two, once the server has sent a code (or told an existing account's owner: it answers alike).
  const [pending, setPending] = useState<{ contact: SignUpContact; sentTo: string } | null>(null);

  const register = useMutation(trpc.auth.register.mutationOptions());

  useEffect(() => {
    if (user && !pending) navigate("/account", { replace: true });
  }, [user, pending]);

  const errors = fieldErrors(register.error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, register.error);
  const contactError = method === "email" ? errors.email : (errors.phone ?? errors.email);
  const rules = passwordRules(password, method === "email" ? email : "");

  function submit(event: FormEvent) {
    event.preventDefault();
    const locale = navigator.language;
    const contact: SignUpContact = method === "email" ? { email } : { phone, country };
    register.mutate(
      { ...contact, name, password, locale: locale.slice(0, 16) },
      { onSuccess: (answer) => setPending({ contact, sentTo: answer.sentTo }) },
    );
  }

  if (pending) {
    return (
      <div className="page page--narrow stack">
        <h1>Create your account</h1>
        <div className="card">
          <ConfirmSignUp
            contact={pending.contact}
            sentTo={pending.sentTo}
            onBack={() => {
              register.reset();
              setPending(null);
            }}
          />
        </div>
      </div>
    );
  }

  return (
    <div className="page page--narrow stack">
      <div className="stack stack--tight">
        <h1>Create your account</h1>
        <p className="muted">Sign up with your email address or your phone number.</p>
      </div>
      <div className="card">
        <form ref={form} className="stack" onSubmit={submit} noValidate>
          <TextField
            label="Your name"
            name="name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
          />
          <ContactFields
            legend="Sign up with"
            method={method}
            onMethodChange={setMethod}
            email={email}
            onEmailChange={setEmail}
            phone={phone}
            onPhoneChange={setPhone}
            country={country}
            onCountryChange={setCountry}
            error={contactError}
          />
          <PasswordField
            name="new-password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
            hint={
              <ul className="rules" aria-label="Password rules">
                {rules.map((rule) => (
                  <li key={rule.text} data-met={rule.met}>
                    {rule.text}
                    <span className="visually-hidden">{rule.met ? " (met)" : " (not met yet)"}</span>
                  </li>
                ))}
              </ul>
            }
          />
          <FormError
            message={formErrorMessage(register.error, [errors.name, contactError, errors.password])}
          />
          <button
            className="button button--primary button--block"
            type="submit"
            disabled={register.isPending}
          >
            {register.isPending ? "Creating your account…" : "Create account"}
          </button>
          <p className="small center">
            Already have an account? <Link to="/signin">Sign in</Link>
          </p>
        </form>
      </div>
    </div>
  );
}
