// Creating a promo code: its code, kind, region, amounts, dates and limits, checked before it is sent.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type InputHTMLAttributes, useState } from "react";
import type { FormNoteValue } from "./form-note.tsx";
import {
  buildPromoRequest,
  EMPTY_PROMO_FORM,
  PROMO_REGIONS,
  type PromoFormFields,
  type PromoKind,
} from "./promo-form.ts";

export function PromoCreateForm({
  onNote,
  onCreated,
}: {
  onNote(note: FormNoteValue | null): void;
  onCreated(): void;
}) {
  const trpc = useTRPC();
  const [form, setForm] = useState<PromoFormFields>(EMPTY_PROMO_FORM);
  const [errors, setErrors] = useState<Partial<Record<keyof PromoFormFields, string>>>({});
  const create = useMutation(
    trpc.promo.create.mutationOptions({
      onSuccess: (p) => {
        onNote({ ok: true, text: `Created ${p.code}.` });
        setForm((f) => ({ ...f, code: "", description: "" }));
        onCreated();
      },
      onError: (e) => onNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const set = (field: keyof PromoFormFields) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const currency = PROMO_REGIONS.find((r) => r.code === form.regionCode)?.currency;
  const inCurrency = currency ? ` (${currency})` : "";
  const field = (
    name: keyof PromoFormFields,
    label: string,
    props: InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="input"
        value={form[name] as string}
        onChange={set(name)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `promo-${name}-error` : undefined}
        {...props}
      />
      {errors[name] ? (
        <span className="field__error" id={`promo-${name}-error`}>
          {errors[name]}
        </span>
      ) : null}
    </label>
  );
  return (
    <form
      className="row promo-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onNote(null);
        const built = buildPromoRequest(form);
        if (!built.ok) {
          setErrors(built.errors);
          onNote({ ok: false, text: "Check the highlighted fields." });
          return;
        }
        setErrors({});
        create.mutate(built.request);
      }}
    >
      {field("code", "Code", { autoCapitalize: "characters" })}
      {field("description", "Description (optional)")}
      <label className="field">
        <span className="field__label">Kind</span>
        <select
          className="input"
          value={form.kind}
          onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as PromoKind }))}
        >
          <option value="percent">Percent off</option>
          <option value="fixed">Amount off</option>
          <option value="free_delivery">Free delivery</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">Region</span>
        <select className="input" value={form.regionCode} onChange={set("regionCode")}>
          <option value="">All regions</option>
          {PROMO_REGIONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label} ({r.currency})
            </option>
          ))}
        </select>
      </label>
      {form.kind === "percent" ? field("percent", "Percent off", { inputMode: "numeric" }) : null}
      {form.kind === "percent"
        ? field("maxDiscount", `Largest discount${inCurrency}`, { inputMode: "decimal" })
        : null}
      {form.kind === "fixed" ? field("amount", `Amount off${inCurrency}`, { inputMode: "decimal" }) : null}
      {field("minSubtotal", `Minimum order${inCurrency}`, { inputMode: "decimal" })}
      {field("validFrom", "Starts", { type: "datetime-local" })}
      {field("validTo", "Ends", { type: "datetime-local" })}
      {field("usageLimit", "Total uses", { inputMode: "numeric" })}
      {field("perCustomerLimit", "Uses per customer", { inputMode: "numeric" })}
      <label className="field field--check">
        <input
          type="checkbox"
          checked={form.firstOrderOnly}
          onChange={(e) => setForm((f) => ({ ...f, firstOrderOnly: e.target.checked }))}
        />
        <span>First order only</span>
      </label>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        Create
      </button>
    </form>
  );
}
