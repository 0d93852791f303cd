// The carryout half of the start page: the area's stores with today's hours, each with "Order here".
import { errorMessage } from "@pizza/ui";
import { useT } from "../../i18n/index.tsx";
import { appLocale } from "../../lib/app-locale.ts";
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
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="stores-heading">
      <h2 id="stores-heading">{t("start.pickUpFrom")}</h2>
      {loading ? <p role="status">{t("start.loadingStores")}</p> : null}
      {error ? <div className="alert alert--error">{errorMessage(error)}</div> : null}
      <ul className="store-list">
        {regionStores.map((s) => (
          <li key={s.id} className="store-list__item">
            <div className="stack stack--tight">
              <strong>{s.name}</strong>
              <span className="small muted">{s.address}</span>
              <span className="small">
                <span className={s.openNow ? "badge badge--open" : "badge badge--closed"}>
                  {s.openNow ? t("start.openNow") : t("start.closed")}
                </span>{" "}
                {hoursToday(s) === null ? t("start.closedToday") : t("start.today", { hours: hoursToday(s) })}
                {!s.openNow && s.opensAt
                  ? ` · ${t("start.opens", { at: new Date(s.opensAt).toLocaleString(appLocale(), { weekday: "short", hour: "2-digit", minute: "2-digit" }) })}`
                  : ""}
              </span>
            </div>
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => onCarryout(s)}
            >
              {t("start.orderHere")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
