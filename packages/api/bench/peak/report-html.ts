// The run as one self-contained HTML page (inline SVG, no scripts, nothing fetched): the JSON line, the
// phases, arrivals against answers, p99 per bucket, errors per bucket and by kind, event-loop delay of each
// node, and PostgreSQL / Redis CPU.
import type { Schedule } from "./curve.ts";
import { BUCKET_MS, type Recorder, spread, total } from "./recorder.ts";

interface Series {
  name: string;
  color: string;
  values: (number | undefined)[];
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function chart(title: string, unit: string, series: Series[]): string {
  const W = 760;
  const H = 220;
  const L = 56;
  const B = 28;
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const top = Math.max(1e-9, ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)));
  const x = (i: number) => L + ((W - L - 30) * i) / Math.max(1, n - 1);
  const y = (v: number) => H - B - ((H - B - 10) * v) / top;
  const lines = series.map((s) => {
    const pts = s.values.map((v, i) => (v === undefined ? "" : `${x(i).toFixed(1)},${y(v).toFixed(1)}`));
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.filter(Boolean).join(" ")}"/>`;
  });
  const ticks = [0, 0.5, 1].map(
    (f) =>
      `<text x="${L - 6}" y="${y(top * f) + 4}" text-anchor="end">${+(top * f).toPrecision(3)}</text>` +
      `<line x1="${L}" x2="${W - 20}" y1="${y(top * f)}" y2="${y(top * f)}" stroke="#ddd"/>`,
  );
  const xt = [0, Math.floor((n - 1) / 2), n - 1].map(
    (i) => `<text x="${x(i)}" y="${H - 8}" text-anchor="middle">${(i * BUCKET_MS) / 1000} s</text>`,
  );
  const legend = series.map((s) => `<span style="color:${s.color}">■</span> ${esc(s.name)}`).join(" &nbsp; ");
  return `<figure><figcaption><b>${esc(title)}</b> (${esc(unit)}) — ${legend}</figcaption>
<svg width="${W}" height="${H}" font-size="11" font-family="sans-serif">${ticks.join("")}${xt.join("")}${lines.join("")}</svg></figure>`;
}

export function reportHtml(opts: {
  line: Record<string, unknown>;
  rec: Recorder;
  schedule?: Schedule;
  details: Record<string, unknown>;
}): string {
  const b = opts.rec.buckets;
  const perMin = 60_000 / BUCKET_MS;
  const nodes = [...new Set(b.flatMap((x) => Object.keys(x.loop)))];
  const errors = opts.rec.errorsByKind();
  const rows = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(
        ([k, v]) =>
          `<tr><td>${esc(k)}</td><td>${esc(typeof v === "string" ? v : JSON.stringify(v))}</td></tr>`,
      )
      .join("");
  const p99 = (xs: number[]) => (xs.length ? spread(xs).p99 : undefined);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peak night</title>
<style>body{font-family:sans-serif;max-width:800px;margin:2em auto;color:#222}td{padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top}code{font-size:12px;word-break:break-all}</style></head><body>
<h1>Peak night</h1>
<p><code>${esc(JSON.stringify(opts.line))}</code></p>
${opts.schedule ? `<p>Phases: ${opts.schedule.phases.map((p) => `${p.name} ${Math.round(p.fromMs / 1000)}–${Math.round(p.toMs / 1000)} s`).join(", ")}.</p>` : ""}
${chart("Orders per minute: due vs placeOrder answered", "orders/min", [
  { name: "due (arrivals)", color: COLORS[0]!, values: b.map((x) => x.arrivals * perMin) },
  { name: "answered", color: COLORS[2]!, values: b.map((x) => x.answered * perMin) },
])}
${chart("p99 latency per 10-s bucket (from when due)", "ms", [
  { name: "placeOrder", color: COLORS[0]!, values: b.map((x) => p99(x.place)) },
  { name: "processPayment", color: COLORS[1]!, values: b.map((x) => p99(x.pay)) },
])}
${chart("Errors per 10-s bucket", "count", [{ name: "all kinds", color: COLORS[1]!, values: b.map((x) => total(x.errors)) }])}
${chart(
  "Event-loop delay p99 of each node",
  "ms",
  nodes.map((n, i) => ({ name: n, color: COLORS[i % COLORS.length]!, values: b.map((x) => x.loop[n]?.p99) })),
)}
${chart("CPU (1 = one core)", "cores", [
  { name: "PostgreSQL backends", color: COLORS[0]!, values: b.map((x) => x.pgCpu) },
  { name: "Redis", color: COLORS[1]!, values: b.map((x) => x.redisCpu) },
])}
<h2>Errors by kind</h2><table>${total(errors) ? rows(errors) : "<tr><td>none</td></tr>"}</table>
<h2>Details</h2><table>${rows(opts.details)}</table>
</body></html>
`;
}
