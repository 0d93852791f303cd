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
