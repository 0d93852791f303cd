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
import { useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { missingContact } from "../lib/required.ts";
import { passwordRules } from "../password-rules.ts";
import { Link, navigate, safeNext, useLocation } from "../router.tsx";

export function SignUpPage() {
  const t = useT();
  const trpc = useTRPC();
  const { user } = useSession();
  const { query } = useLocation();
  // Back to where the customer was (the cart, an order) once the account is confirmed.
  const next = query.get("next") ? safeNext(query.get("next")) : null;
  const [checked, setChecked] = useState(false);
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
    if (user && !pending) navigate(next ?? "/account", { replace: true });
  }, [user, pending, next]);

  const errors = fieldErrors(register.error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, register.error);
  // Empty fields are said next to them and nothing is sent.
  const missing = {
    name: checked && !name.trim() ? t("form.nameRequired") : undefined,
    contact: checked ? missingContact(t, method, email, phone) : undefined,
    password: checked && !password ? t("form.passwordRequired") : undefined,
  };
  const contactError =
    missing.contact ?? (method === "email" ? errors.email : (errors.phone ?? errors.email));
  const rules = passwordRules(password, method === "email" ? email : "");

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || missingContact(t, method, email, phone) || !password) {
      register.reset();
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const contact: SignUpContact = method === "email" ? { email } : { phone, country };
    register.mutate(
      { ...contact, name, password, locale: appLocale() },
      { onSuccess: (answer) => setPending({ contact, sentTo: answer.sentTo }) },
    );
  }

  if (pending) {
    return (
      <div className="page page--narrow stack">
        <h1>{t("title.signUp")}</h1>
        <div className="card">
          <ConfirmSignUp
            contact={pending.contact}
            sentTo={pending.sentTo}
            next={next}
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
        <h1>{t("title.signUp")}</h1>
        <p className="muted">{t("signUp.lead")}</p>
      </div>
      <div className="card">
        <form ref={form} className="stack" onSubmit={submit} noValidate>
          <TextField
            label={t("signUp.name")}
            name="name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={missing.name ?? errors.name}
          />
          <ContactFields
            legend={t("signUp.with")}
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
            error={missing.password ?? errors.password}
            hint={
              <ul className="rules" aria-label={t("password.rules")}>
                {rules.map((rule) => (
                  <li key={rule.text} data-met={rule.met}>
                    {t(rule.text)}
                    <span className="visually-hidden">
                      {rule.met ? t("password.met") : t("password.notMet")}
                    </span>
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
            {register.isPending ? t("signUp.creating") : t("signUp.submit")}
          </button>
          <p className="small center">
            {t("signUp.haveAccount")}{" "}
            <Link to={next ? `/signin?next=${encodeURIComponent(next)}` : "/signin"}>
              {t("header.signIn")}
            </Link>
          </p>
        </form>
      </div>
    </div>
  );
}
