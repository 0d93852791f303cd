// The Reports tab's filter form: dates (the store's local days, `to` included), buckets, channel and, for
// head office and region managers, the scope (this store, its region, and for head office the whole
// chain). Figures change on "Show figures".
import { useState } from "react";
import type { ReportForm, Scope } from "./report-filter.ts";

const SCOPE_NAMES: Record<Scope, string> = {
  store: "This store",
  region: "This store's region",
  chain: "Whole chain",
};

export function ReportFilters(props: {
  initial: ReportForm;
  /** The scopes the caller may choose (a store manager: only their store, so no choice is shown). */
  scopes: readonly Scope[];
  onApply(form: ReportForm): void;
}) {
  const [form, setForm] = useState(props.initial);
  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) =>
    setForm({ ...form, [key]: value });
  return (
    <form
      className="row report-filters"
      aria-label="Report filters"
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply(form);
      }}
    >
      <label className="field">
        <span className="field__label">From</span>
        <input
          className="input"
          type="date"
          value={form.from}
          required
          onChange={(e) => set("from", e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">To</span>
        <input
          className="input"
          type="date"
          value={form.to}
          required
          onChange={(e) => set("to", e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">By</span>
        <select
          className="input"
          value={form.bucket}
          onChange={(e) => set("bucket", e.target.value as ReportForm["bucket"])}
        >
          <option value="hour">Hour</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">Channel</span>
        <select
          className="input"
          value={form.channel}
          onChange={(e) => set("channel", e.target.value as ReportForm["channel"])}
        >
          <option value="">All</option>
          <option value="delivery">Delivery</option>
          <option value="carryout">Carryout</option>
        </select>
      </label>
      {props.scopes.length > 1 ? (
        <label className="field">
          <span className="field__label">Scope</span>
          <select
            className="input"
            value={form.scope}
            onChange={(e) => set("scope", e.target.value as ReportForm["scope"])}
          >
            {props.scopes.map((s) => (
              <option key={s} value={s}>
                {SCOPE_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className="button">
        Show figures
      </button>
    </form>
  );
}
