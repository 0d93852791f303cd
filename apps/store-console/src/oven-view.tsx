// The oven screen: what is baking and when it comes out.
import { BAKE_MS, clock, timeFmt } from "./kitchen-model.ts";
import type { LiveOrders } from "./live-orders.ts";
import { lineName, useMenuNames } from "./menu-names.ts";
import { useNow } from "./use-now.ts";

/** What is in the oven and when it comes out (7 minutes after it went in, as in the demo kitchen). */
export function OvenView({ storeId, live }: { storeId: string; live: LiveOrders }) {
  const now = useNow();
  const names = useMenuNames(storeId);
  const inOven = live.orders
    .filter((o) => o.status === "baking")
    .map((o) => ({ o, out: new Date(o.stageSince).getTime() + BAKE_MS }))
    .sort((a, b) => a.out - b.out);
  return (
    <section className="oven stack" aria-label="Oven">
      <h2>In the oven ({inOven.length})</h2>
      {inOven.length === 0 ? <p className="muted">The oven is empty.</p> : null}
      <ol className="oven__list">
        {inOven.map(({ o, out }) => {
          const left = out - now;
          return (
            <li
              key={o.id}
              className={`oven__row ${left <= 0 ? "oven__row--due" : ""}`}
              data-testid="oven-row"
            >
              <span className="oven__number">#{o.orderNumber}</span>
              <span className="oven__what">
                {o.items
                  .filter((l) => l.kind === "pizza" || (l.config.toppings?.length ?? 0) > 0 || l.config.crust)
                  .map((l) => `${l.quantity}× ${lineName(l, names)}`)
                  .join(", ") || o.items.map((l) => `${l.quantity}× ${l.name}`).join(", ")}
              </span>
              <span className="oven__out">
                {left <= 0 ? "OUT NOW" : `out in ${clock(left)}`} · {timeFmt.format(new Date(out))}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
