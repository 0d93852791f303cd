// The delivery map on the tracking page: the store's zone, the store, the address and the driver, with
// a line saying where the driver is.
import { LocalMap, type MapMarker, useBasemap } from "@pizza/ui/map";
import { useT } from "../../i18n/index.tsx";
import { appLocale } from "../../lib/app-locale.ts";
import type { DeliveryStatus } from "../../order-state.ts";
import { clockTime } from "./order-progress.tsx";

const TILE_URL = import.meta.env.VITE_MAP_TILE_URL as string | undefined;

export function DeliveryMap({
  cells,
  markers,
  delivery,
  current,
}: {
  cells: string[];
  markers: MapMarker[];
  delivery: DeliveryStatus | undefined;
  current: string;
}) {
  const t = useT();
  const time = clockTime;
  const basemap = useBasemap({ cells, markers, locale: appLocale() });
  return (
    <section className="stack" aria-label={t("track.map")}>
      <LocalMap
        label={t("track.mapLabel")}
        cells={cells}
        markers={markers}
        tileUrl={TILE_URL}
        basemap={basemap}
        height="20rem"
        glideMs={1200}
      />
      {delivery?.driver &&
      (current === "out_for_delivery" || current === "ready" || current === "quality_check") ? (
        <p className="small">
          {t(delivery.stage === "picked_up" ? "track.driverOnWay" : "track.driverToStore", {
            driver: delivery.driver.name,
          })}
          {delivery.etaDropoffAt ? ` · ${t("track.eta", { time: time(delivery.etaDropoffAt) })}` : ""}
          {delivery.trip && delivery.trip.stops > 1 ? (
            <span data-testid="trip-position">
              {" · "}
              {t("track.tripStop", { nth: nth(delivery.trip.stop), stops: delivery.trip.stops })}
            </span>
          ) : null}
        </p>
      ) : current === "ready" || current === "quality_check" ? (
        <p className="small muted">{t("track.findingDriver")}</p>
      ) : null}
    </section>
  );
}

const ORDINAL_EN: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };

/** "2nd", "2.", "2番目": a stop's place on a trip in the reader's language. */
function nth(n: number): string {
  const tag = appLocale();
  if (tag.startsWith("de")) return `${n}.`;
  if (tag.startsWith("ja")) return `${n}番目`;
  return `${n}${ORDINAL_EN[new Intl.PluralRules("en-US", { type: "ordinal" }).select(n)] ?? "th"}`;
}
