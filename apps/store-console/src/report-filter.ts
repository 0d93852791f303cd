// The Reports tab's filter: what the form holds and the API input it becomes. Dates are the stores' local
// calendar days, `to` included (the API bounds the range); a manager's scope is their store, an admin's a
// store, its region or the whole chain.

export type Scope = "store" | "region" | "chain";

export interface ReportForm {
  from: string;
  to: string;
  bucket: "hour" | "day" | "week";
  channel: "" | "delivery" | "carryout";
  scope: Scope;
}

export interface ReportInput {
  from: string;
  to: string;
  bucket: "hour" | "day" | "week";
  channel?: "delivery" | "carryout";
  storeId?: string;
  regionCode?: string;
}

const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The last seven days up to today, by day, every channel, this store. */
export function defaultForm(now = new Date()): ReportForm {
  const from = new Date(now);
  from.setDate(now.getDate() - 6);
  return { from: day(from), to: day(now), bucket: "day", channel: "", scope: "store" };
}

export function reportInput(form: ReportForm, store: { id: string; regionCode: string }): ReportInput {
  return {
    from: form.from,
    to: form.to,
    bucket: form.bucket,
    ...(form.channel ? { channel: form.channel } : {}),
    ...(form.scope === "store" ? { storeId: store.id } : {}),
    ...(form.scope === "region" ? { regionCode: store.regionCode } : {}),
  };
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Every period label from `from` to `to` as the API writes them (local calendar: the day, its Monday for
 * a week, `dayT13:00` for an hour), so a chart shows the quiet periods too. Pure date arithmetic on the
 * calendar strings (no time zone enters).
 */
export function periodLabels(form: Pick<ReportForm, "from" | "to" | "bucket">): string[] {
  const start = Date.parse(`${form.from}T00:00:00Z`);
  const end = Date.parse(`${form.to}T00:00:00Z`);
  if (!(start <= end)) return [];
  const labels: string[] = [];
  if (form.bucket === "week") {
    const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS;
    for (let d = monday; d <= end; d += 7 * DAY_MS) labels.push(iso(d));
    return labels;
  }
  for (let d = start; d <= end; d += DAY_MS) {
    if (form.bucket === "day") labels.push(iso(d));
    else for (let h = 0; h < 24; h++) labels.push(`${iso(d)}T${String(h).padStart(2, "0")}:00`);
  }
  return labels;
}
