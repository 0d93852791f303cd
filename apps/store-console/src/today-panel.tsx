import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type InputHTMLAttributes, useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { money } from "./money.ts";
import {
  buildPromoRequest,
  EMPTY_PROMO_FORM,
  PROMO_REGIONS,
  type PromoFormFields,
  type PromoKind,
} from "./promo-form.ts";

const minutes = (ms: number | null) => (ms === null ? "—" : `${(ms / 60_000).toFixed(1)} min`);

/** Today's numbers (staff: their store) and, for admins, promo codes. */
export default function TodayPanel({ storeId, isAdmin }: { storeId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.store.todayStats.queryOptions({ storeId }), refetchInterval: 30_000 });
  const s = stats.data;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="today-title">
        <h2 id="today-title">Today</h2>
        {stats.error ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(stats.error)}
          </div>
        ) : null}
        {s ? (
          <div className="stats" data-testid="today-stats">
            <Stat
              label="Orders"
              value={String(s.orders)}
              hint={`${s.active} open · ${s.cancelled} cancelled`}
            />
            <Stat label="Sales" value={money(s.sales, s.currency)} hint={s.currency} />
            <Stat label="Avg make time" value={minutes(s.avgMakeMs)} hint="placed → ready" />
            <Stat label="Avg delivery" value={minutes(s.avgDeliveryMs)} hint="on the road" />
            <Stat label="Order to door" value={minutes(s.avgOrderToDoorMs)} hint="placed → handed over" />
            <Stat label="Late" value={String(s.late)} hint="past the promised time" />
            <Stat
              label="Ratings"
              value={s.ratings.average === null ? "—" : `${s.ratings.average.toFixed(1)} ★`}
              hint={`${s.ratings.count} today`}
            />
          </div>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      {isAdmin ? <Promos /> : null}
    </div>
  );
}

function promoConditions(p: {
  minSubtotal: number;
  maxDiscount: number | null;
  regionCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  perCustomerLimit: number | null;
  firstOrderOnly: boolean;
}): string {
  const currency = PROMO_REGIONS.find((r) => r.code === p.regionCode)?.currency;
  const parts: string[] = [];
  if (p.minSubtotal > 0 && currency) parts.push(`min ${money(p.minSubtotal, currency)}`);
  if (p.maxDiscount && currency) parts.push(`up to ${money(p.maxDiscount, currency)}`);
  if (p.validFrom) parts.push(`from ${new Date(p.validFrom).toLocaleDateString()}`);
  if (p.validTo) parts.push(`until ${new Date(p.validTo).toLocaleDateString()}`);
  if (p.perCustomerLimit) parts.push(`${p.perCustomerLimit}× per customer`);
  if (p.firstOrderOnly) parts.push("first order only");
  return parts.join(", ");
}

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="stat">
      <span className="muted small">{label}</span>
      <span className="stat__value">{value}</span>
      <span className="muted small">{hint}</span>
    </div>
  );
}

function Promos() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.promo.list.queryOptions({}));
  const [form, setForm] = useState<PromoFormFields>(EMPTY_PROMO_FORM);
  const [errors, setErrors] = useState<Partial<Record<keyof PromoFormFields, string>>>({});
  const [note, setNote] = useFormNote();
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries(trpc.promo.list.pathFilter());
  const create = useMutation(
    trpc.promo.create.mutationOptions({
      onSuccess: (p) => {
        setNote({ ok: true, text: `Created ${p.code}.` });
        setForm((f) => ({ ...f, code: "", description: "" }));
        refresh();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const toggle = useMutation(
    trpc.promo.setActive.mutationOptions({
      onSuccess: refresh,
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
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
    <section className="card stack" aria-labelledby="promos-title">
      <h2 id="promos-title">Promo codes</h2>
      <form
        className="row promo-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          const built = buildPromoRequest(form);
          if (!built.ok) {
            setErrors(built.errors);
            setNote({ ok: false, text: "Check the highlighted fields." });
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
      <FormNote note={note} />
      <div className="table-wrap">
        <table className="table" data-testid="promos">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Discount</th>
              <th scope="col">Used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((p) => (
              <tr key={p.id}>
                <td>
                  <strong>{p.code}</strong>
                  {p.regionCode ? <span className="muted small"> {p.regionCode.toUpperCase()}</span> : null}
                </td>
                <td>
                  {p.kind === "percent"
                    ? `${p.percent}%`
                    : p.kind === "fixed" && p.amount !== null && p.currency
                      ? money(p.amount, p.currency)
                      : p.kind.replace(/_/g, " ")}
                  {promoConditions(p) ? <span className="muted small"> · {promoConditions(p)}</span> : null}
                </td>
                <td>
                  {p.usedCount}
                  {p.usageLimit ? ` / ${p.usageLimit}` : ""}
                </td>
                <td>
                  <span className={`badge ${p.active ? "badge--ok" : "badge--off"}`}>
                    {p.active ? "Active" : "Paused"}
                  </span>
                </td>
                <td className="row">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={toggle.isPending}
                    onClick={() => toggle.mutate({ promoId: p.id, active: !p.active })}
                  >
                    {p.active ? "Pause" : "Resume"}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-expanded={open === p.id}
                    onClick={() => setOpen(open === p.id ? null : p.id)}
                  >
                    Redemptions
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open ? <Redemptions promoId={open} /> : null}
    </section>
  );
}

function Redemptions({ promoId }: { promoId: string }) {
  const trpc = useTRPC();
  const r = useQuery(trpc.promo.redemptions.queryOptions({ promoId }));
  if (!r.data) return <p className="muted">Loading…</p>;
  return (
    <div className="stack stack--tight" data-testid="redemptions">
      <h3>
        {r.data.code}: {r.data.usedCount} used
        {r.data.totals.length > 0
          ? ` · ${r.data.totals.map((t) => money(t.discount, t.currency)).join(" + ")} given`
          : ""}
      </h3>
      {r.data.redemptions.length === 0 ? <p className="muted">Not used yet.</p> : null}
      <ul>
        {r.data.redemptions.map((x) => (
          <li key={x.orderId}>
            Order {x.orderNumber} · {money(x.discount, x.currency)} · {new Date(x.at).toLocaleString()}
            {x.released ? " (released: order cancelled)" : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
