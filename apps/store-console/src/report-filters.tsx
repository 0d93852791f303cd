// The Reports tab's filter form: dates (the store's local days, `to` included), buckets, channel and, for
// head office, the scope (this store, its region or the whole chain). Figures change on "Show figures".
import { useState } from "react";
import type { ReportForm } from "./report-filter.ts";

export function ReportFilters(props: {
  initial: ReportForm;
  chain: boolean;
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
      {props.chain ? (
        <label className="field">
          <span className="field__label">Scope</span>
          <select
            className="input"
            value={form.scope}
            onChange={(e) => set("scope", e.target.value as ReportForm["scope"])}
          >
            <option value="store">This store</option>
            <option value="region">This store's region</option>
            <option value="chain">Whole chain</option>
          </select>
        </label>
      ) : null}
      <button type="submit" className="button">
        Show figures
      </button>
    </form>
  );
}
