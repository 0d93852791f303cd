// An entity's change history (issue 22): who changed what and when, newest first, with what it was
// before and after — prices in the region's currency, builder rules as their lists, anything else as its
// changed fields.
import { formatMoney } from "@pizza/contracts";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import type { Menu, MenuChange } from "./store-api-types.ts";

type Entity = "item" | "topping" | "crust" | "sauce" | "cheese";

function describe(change: MenuChange, region: Menu["region"]): string {
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const money = (v: unknown) =>
    typeof v === "number" ? formatMoney(v, region.currency, region.currencyDigits) : "none";
  // A price row: "$3.33 (large) from 1/1/2027, 10:00:00 AM".
  const price = (p: Record<string, unknown>) =>
    `${money(p.amount)}${p.variant ? ` (${String(p.variant)})` : ""}${p.from ? ` from ${new Date(String(p.from)).toLocaleString()}` : ""}`;
  if (change.action === "price") return `${money(before.amount)} → ${price(after)}`;
  if (change.action === "scheduled price") return price(after);
  if (change.action === "cancelled scheduled price") return `${price(before)} withdrawn`;
  const listOf = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v.join(", ") : "none");
  if (change.action === "default toppings") return `${listOf(before.toppings)} → ${listOf(after.toppings)}`;
  if (change.action === "sizes") return `${listOf(before.sizes)} → ${listOf(after.sizes)}`;
  if (change.action === "option rules")
    return `${String(after.group)}: ${before.min}–${before.max} → ${after.min}–${after.max} choices`;
  if (change.action === "availability") return after.available ? "offered again" : "no longer offered";
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.length > 0 ? `changed: ${changed.join(", ")}` : "no change";
}

export function MenuHistory({
  entity,
  entityId,
  region,
  idPrefix = "menu-history",
}: {
  entity: Entity;
  entityId: string;
  region: Menu["region"];
  /** Ids and the test id, unique when two histories are on screen (an entry's and a cheese level's). */
  idPrefix?: string;
}) {
  const trpc = useTRPC();
  const history = useQuery(trpc.menuAdmin.history.queryOptions({ entity, entityId }));
  return (
    <section className="card stack" aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>History</h3>
      {history.error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(history.error)}
        </div>
      ) : null}
      {history.data?.length === 0 ? <p className="muted small">No changes yet.</p> : null}
      <ol className="small" aria-label="Changes, newest first" data-testid={idPrefix}>
        {(history.data ?? []).map((c) => (
          <li key={c.id}>
            <time dateTime={c.changedAt}>{new Date(c.changedAt).toLocaleString()}</time> ·{" "}
            {c.changedByName ?? "someone"} · {c.action}
            {c.regionCode ? ` (${c.regionCode.toUpperCase()})` : ""}: {describe(c, region)}
          </li>
        ))}
      </ol>
    </section>
  );
}
