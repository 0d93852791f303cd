import { type InputHTMLAttributes, type ReactNode, type RefObject, useEffect, useId, useState } from "react";
import { COUNTRIES, type CountryCode } from "./countries.ts";
import { errorMessage } from "./errors.ts";
import { useUiText } from "./ui-text.tsx";

/** A labelled input with its hint and error wired to aria-describedby, so assistive tech reads them. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, ...(error ? { "aria-invalid": true } : {}) })}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: ReactNode; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(a11y) => <input className="input" {...input} {...a11y} />}
    </Field>
  );
}

/** A password input with a show/hide toggle (typing a strong password on a phone is hard enough). */
export function PasswordField({
  label,
  hint,
  error,
  ...input
}: { label?: string; hint?: ReactNode; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const [visible, setVisible] = useState(false);
  const text = useUiText();
  return (
    <Field label={label ?? text.password} hint={hint} error={error}>
      {(a11y) => (
        <div className="input-group">
          <input className="input" type={visible ? "text" : "password"} {...input} {...a11y} />
          <button
            type="button"
            className="input-group__button"
            aria-pressed={visible}
            aria-controls={a11y.id}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? text.hide : text.show}
          </button>
        </div>
      )}
    </Field>
  );
}

/** Country (as the dialling hint) and the number as people type it; the API normalizes to E.164. */
function PhoneFields({
  country,
  onCountryChange,
  phone,
  onPhoneChange,
  error,
}: {
  country: CountryCode;
  onCountryChange(country: CountryCode): void;
  phone: string;
  onPhoneChange(phone: string): void;
  error?: string | undefined;
}) {
  const countryId = useId();
  const text = useUiText();
  return (
    <div className="phone-fields">
      <div className="field phone-fields__country">
        <label className="field__label" htmlFor={countryId}>
          {text.country}
        </label>
        <select
          id={countryId}
          className="input"
          value={country}
          onChange={(e) => onCountryChange(e.target.value as CountryCode)}
        >
          {COUNTRIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.dial})
            </option>
          ))}
        </select>
      </div>
      <div className="phone-fields__number">
        <TextField
          label={text.phoneNumber}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          placeholder={COUNTRIES.find((c) => c.code === country)?.example}
          required
          value={phone}
          onChange={(e) => onPhoneChange(e.target.value)}
          error={error}
        />
      </div>
    </div>
  );
}

/** "Email" | "Phone" as a pair of radio buttons styled as a segmented control. */
function MethodSwitch({
  value,
  onChange,
  legend,
}: {
  value: "email" | "phone";
  onChange(value: "email" | "phone"): void;
  legend?: string | undefined;
}) {
  const name = useId();
  const text = useUiText();
  return (
    <fieldset className="segmented">
      <legend className="segmented__legend">{legend ?? text.signInWith}</legend>
      {(["email", "phone"] as const).map((method) => (
        <label key={method} className="segmented__option">
          <input
            type="radio"
            name={name}
            value={method}
            checked={value === method}
            onChange={() => onChange(method)}
          />
          <span>{method === "email" ? text.email : text.phone}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Email or phone, with the switch between them: what sign-in, sign-up and guest checkout ask for.
 * `error` is shown on whichever field is visible.
 */
export function ContactFields({
  legend,
  method,
  onMethodChange,
  email,
  onEmailChange,
  emailAutoComplete = "email",
  phone,
  onPhoneChange,
  country,
  onCountryChange,
  error,
}: {
  legend?: string;
  method: "email" | "phone";
  onMethodChange(method: "email" | "phone"): void;
  email: string;
  onEmailChange(email: string): void;
  emailAutoComplete?: string;
  phone: string;
  onPhoneChange(phone: string): void;
  country: CountryCode;
  onCountryChange(country: CountryCode): void;
  error?: string | undefined;
}) {
  const text = useUiText();
  return (
    <>
      <MethodSwitch value={method} onChange={onMethodChange} legend={legend} />
      {method === "email" ? (
        <TextField
          label={text.email}
          name="email"
          type="email"
          inputMode="email"
          autoComplete={emailAutoComplete}
          required
          value={email}
          onChange={(e) => onEmailChange(e.target.value)}
          error={error}
        />
      ) : (
        <PhoneFields
          country={country}
          onCountryChange={onCountryChange}
          phone={phone}
          onPhoneChange={onPhoneChange}
          error={error}
        />
      )}
    </>
  );
}

export function FormError({ message }: { message: string }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

/**
 * After a failed submit, move focus to the first field the server complained about (its message is
 * read out through aria-describedby); with no field to blame, the form-level alert speaks instead.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (!error) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, error]);
}

/** The form-level message: the server's words unless a field on screen already shows them. */
export function formErrorMessage(error: unknown, shownFieldErrors: (string | undefined)[]): string {
  if (!error) return "";
  return shownFieldErrors.some(Boolean) ? "" : errorMessage(error);
}
