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

/**
 * Guest checkout: a name and where to send the receipt, no password. The server opens a guest customer
 * account (`auth.guest`) and answers with the normal tokens, so the cart, payment and tracker work as
 * for anyone signed in; the guest sees only the orders placed in this session.
 */
export function GuestCheckout() {
  const trpc = useTRPC();
  const { signIn } = useSession();
  const [method, setMethod] = useState<"email" | "phone">("email");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState<CountryCode>(() => defaultCountry());
  const guest = useMutation(trpc.auth.guest.mutationOptions({ onSuccess: (response) => signIn(response) }));
  const errors = fieldErrors(guest.error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, guest.error);
  const contactError = method === "email" ? errors.email : (errors.phone ?? errors.email);

  function submit(event: FormEvent) {
    event.preventDefault();
    const locale = navigator.language.slice(0, 35);
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
      <h2 id="guest-h">Check out as a guest</h2>
      <p className="small muted">No password needed: your name, and where to reach you about this order.</p>
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
        legend="Receipt by"
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
        {guest.isPending ? "One moment…" : "Continue as a guest"}
      </button>
    </form>
  );
}
