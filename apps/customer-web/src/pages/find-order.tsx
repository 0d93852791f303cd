// "Find my order": the order number and the email or phone given with it open the order's tracker (its
// tracking link), on any device and without an account. Checked on the page first (both filled in), so
// an empty form is never sent; every miss reads the same ("We couldn't find that order").
import { errorMessage, FormError, TextField, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type Translate, useT } from "../i18n/index.tsx";
import { Link, navigate } from "../router.tsx";

function check(t: Translate, number: string, contact: string) {
  return {
    number: /^#?\s*\d{1,15}$/.test(number.trim()) ? "" : t("find.numberRequired"),
    contact: contact.trim().length >= 3 ? "" : t("find.contactRequired"),
  };
}

export function FindOrderPage() {
  const t = useT();
  const trpc = useTRPC();
  const find = useMutation(trpc.order.findOrder.mutationOptions());
  const [number, setNumber] = useState("");
  const [contact, setContact] = useState("");
  const [shown, setShown] = useState({ number: "", contact: "" });
  const [error, setError] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    const problems = check(t, number, contact);
    setShown(problems);
    if (problems.number || problems.contact) {
      const first = problems.number ? "orderNumber" : "contact";
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    try {
      const { token } = await find.mutateAsync({
        orderNumber: Number(number.replace(/\D/g, "")),
        contact: contact.trim(),
      });
      navigate(`/t/${token}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="page stack">
      <h1>{t("find.title")}</h1>
      <p>{t("find.lead")}</p>
      <form className="card stack" onSubmit={submit} noValidate aria-label={t("find.title")}>
        <TextField
          label={t("find.number")}
          name="orderNumber"
          inputMode="numeric"
          autoComplete="off"
          value={number}
          error={shown.number || undefined}
          onChange={(e) => {
            setNumber(e.target.value);
            setShown((s) => ({ ...s, number: "" }));
            setError("");
          }}
        />
        <TextField
          label={t("find.contact")}
          name="contact"
          autoComplete="email"
          value={contact}
          error={shown.contact || undefined}
          hint={t("find.contactHint")}
          onChange={(e) => {
            setContact(e.target.value);
            setShown((s) => ({ ...s, contact: "" }));
            setError("");
          }}
        />
        <FormError message={error} />
        <button type="submit" className="button button--primary" disabled={find.isPending}>
          {find.isPending ? t("find.looking") : t("find.title")}
        </button>
      </form>
      <p className="small">
        {t("find.haveAccount")} <Link to="/signin?next=/orders">{t("header.signIn")}</Link> {t("find.seeAll")}
      </p>
    </div>
  );
}
