// The carryout half of the start page: the area's stores with today's hours, each with "Order here".
import { errorMessage } from "@pizza/ui";
import { hoursToday } from "../../lib/zones.ts";
import type { StoreInfo } from "../../order-state.ts";

export function CarryoutStores({
  loading,
  error,
  regionStores,
  onCarryout,
}: {
  loading: boolean;
  /** Why the stores could not be loaded, if they could not. */
  error: unknown;
  regionStores: StoreInfo[];
  onCarryout(store: StoreInfo): void;
}) {
  return (
    <section className="card stack" aria-labelledby="stores-heading">
      <h2 id="stores-heading">Pick up from</h2>
      {loading ? <p role="status">Loading stores…</p> : null}
      {error ? <div className="alert alert--error">{errorMessage(error)}</div> : null}
      <ul className="store-list">
        {regionStores.map((s) => (
          <li key={s.id} className="store-list__item">
            <div className="stack stack--tight">
              <strong>{s.name}</strong>
              <span className="small muted">{s.address}</span>
              <span className="small">
                <span className={s.openNow ? "badge badge--open" : "badge badge--closed"}>
                  {s.openNow ? "Open now" : "Closed"}
                </span>{" "}
                Today {hoursToday(s)}
                {!s.openNow && s.opensAt
                  ? ` · opens ${new Date(s.opensAt).toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" })}`
                  : ""}
              </span>
            </div>
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => onCarryout(s)}
            >
              Order here
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
