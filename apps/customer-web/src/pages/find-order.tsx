// "Find my order": the order number and the email or phone given with it open the order's tracker (its
// tracking link), on any device and without an account. Checked on the page first (both filled in), so
// an empty form is never sent; every miss reads the same ("We couldn't find that order").
import { errorMessage, FormError, TextField, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, navigate } from "../router.tsx";

function check(number: string, contact: string) {
  return {
    number: /^#?\s*\d{1,15}$/.test(number.trim())
      ? ""
      : "Enter the order number from your confirmation (digits only).",
    contact: contact.trim().length >= 3 ? "" : "Enter the email or phone number you gave with the order.",
  };
}

export function FindOrderPage() {
  const trpc = useTRPC();
  const find = useMutation(trpc.order.findOrder.mutationOptions());
  const [number, setNumber] = useState("");
  const [contact, setContact] = useState("");
  const [shown, setShown] = useState({ number: "", contact: "" });
  const [error, setError] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    const problems = check(number, contact);
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
      <h1>Find my order</h1>
      <p>
        Enter the order number from your confirmation or receipt, and the email address or phone number you
        gave when ordering. No account needed.
      </p>
      <form className="card stack" onSubmit={submit} noValidate aria-label="Find my order">
        <TextField
          label="Order number"
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
          label="Email or phone number"
          name="contact"
          autoComplete="email"
          value={contact}
          error={shown.contact || undefined}
          hint="The one you gave with the order, e.g. name@example.com or +1 212 555 0100."
          onChange={(e) => {
            setContact(e.target.value);
            setShown((s) => ({ ...s, contact: "" }));
            setError("");
          }}
        />
        <FormError message={error} />
        <button type="submit" className="button button--primary" disabled={find.isPending}>
          {find.isPending ? "Looking…" : "Find my order"}
        </button>
      </form>
      <p className="small">
        Have an account? <Link to="/signin?next=/orders">Sign in</Link> to see all your orders.
      </p>
    </div>
  );
}
