// The account's contact as sign-in and "Forgot password?" ask for it: email, or phone with its country.
// `useAccountContact` keeps what was typed; `AccountContactFields` shows it (the email is the username
// password managers fill in). One block for both forms, so they cannot drift apart.
import { useState } from "react";
import { type CountryCode, defaultCountry } from "./countries.ts";
import { ContactFields } from "./fields.tsx";

export function useAccountContact() {
  const [method, setMethod] = useState<"email" | "phone">("email");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState<CountryCode>(() => defaultCountry());
  return { method, setMethod, email, setEmail, phone, setPhone, country, setCountry };
}

export type AccountContact = ReturnType<typeof useAccountContact>;

export function AccountContactFields({
  contact,
  error,
}: {
  contact: AccountContact;
  error: string | undefined;
}) {
  return (
    <ContactFields
      method={contact.method}
      onMethodChange={contact.setMethod}
      email={contact.email}
      onEmailChange={contact.setEmail}
      emailAutoComplete="username"
      phone={contact.phone}
      onPhoneChange={contact.setPhone}
      country={contact.country}
      onCountryChange={contact.setCountry}
      error={error}
    />
  );
}
