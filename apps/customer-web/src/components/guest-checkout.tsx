import {
  ContactFields,
  type CountryCode,
  defaultCountry,
  FormError,
  fieldErrors,
  formErrorMessage,
  TextField,
  useFocusFirstInvalid,
  useSession,
  useTRPC,
} from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { missingContact } from "../lib/required.ts";

/**
 * Guest checkout: a name and where to send the receipt, no password. The server opens a guest customer
 * account (`auth.guest`) and answers with the normal tokens, so the cart, payment and tracker work as
 * for anyone signed in; the guest sees only the orders placed in this session.
 */
export function GuestCheckout() {
  const t = useT();
  const trpc = useTRPC();
  const { signIn } = useSession();
  const [method, setMethod] = useState<"email" | "phone">("email");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState<CountryCode>(() => defaultCountry());
  const [checked, setChecked] = useState(false);
  const guest = useMutation(trpc.auth.guest.mutationOptions({ onSuccess: (response) => signIn(response) }));
  const errors = fieldErrors(guest.error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, guest.error);
  // Empty fields are said next to them and nothing is sent.
  const missingName = checked && !name.trim() ? t("form.nameRequired") : undefined;
  const missing = checked ? missingContact(t, method, email, phone) : undefined;
  const contactError = missing ?? (method === "email" ? errors.email : (errors.phone ?? errors.email));

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || missingContact(t, method, email, phone)) {
      guest.reset();
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const locale = appLocale();
    guest.mutate(method === "email" ? { name, email, locale } : { name, phone, country, locale });
  }

  return (
    <form
      ref={form}
      className="card stack stack--tight"
      onSubmit={submit}
      noValidate
      aria-labelledby="guest-h"
    >
      <h2 id="guest-h">{t("guest.title")}</h2>
      <p className="small muted">{t("guest.lead")}</p>
      <TextField
        label={t("signUp.name")}
        name="name"
        autoComplete="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={missingName ?? errors.name}
      />
      <ContactFields
        legend={t("guest.receiptBy")}
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
      <FormError message={formErrorMessage(guest.error, [errors.name, contactError])} />
      <button className="button button--primary button--block" type="submit" disabled={guest.isPending}>
        {guest.isPending ? t("guest.wait") : t("guest.submit")}
      </button>
    </form>
  );
}
