import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { money } from "./kitchen-model.ts";

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
  const [code, setCode] = useState("");
  const [percent, setPercent] = useState("10");
  const [region, setRegion] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries(trpc.promo.list.pathFilter());
  const create = useMutation(
    trpc.promo.create.mutationOptions({
      onSuccess: (p) => {
        setNote({ ok: true, text: `Created ${p.code}.` });
        setCode("");
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
  return (
    <section className="card stack" aria-labelledby="promos-title">
      <h2 id="promos-title">Promo codes</h2>
      <form
        className="row promo-form"
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          create.mutate({
            code,
            kind: "percent",
            percent: Number(percent),
            ...(region ? { regionCode: region } : {}),
          });
        }}
      >
        <label className="field">
          <span className="field__label">Code</span>
          <input className="input" value={code} onChange={(e) => setCode(e.target.value)} required />
        </label>
        <label className="field">
          <span className="field__label">Percent off</span>
          <input
            className="input"
            inputMode="numeric"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span className="field__label">Region</span>
          <select className="input" value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">All regions</option>
            <option value="us">US</option>
            <option value="de">DE</option>
            <option value="jp">JP</option>
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create
        </button>
      </form>
      {note ? (
        <div className={`alert ${note.ok ? "alert--success" : "alert--error"}`} role="status">
          {note.text}
        </div>
      ) : null}
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
