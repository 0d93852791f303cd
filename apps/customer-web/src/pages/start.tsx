// The start page: delivery (to a saved or typed address, with the store found for it) or carryout
// (from a store of the area), now or at a chosen time; then on to the menu.
import { useTRPC } from "@pizza/ui";
import { LocalMap, type MapMarker, useBasemap } from "@pizza/ui/map";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { CarryoutStores } from "../components/start/carryout-stores.tsx";
import { DeliveryForm } from "../components/start/delivery-form.tsx";
import { ChannelChoice, RegionChoice, WhenChoice } from "../components/start/start-choices.tsx";
import { useT } from "../i18n/index.tsx";
import { appLocale, type UiLocale, useUiLocale } from "../lib/app-locale.ts";
import { useDeliveryAddress } from "../lib/use-delivery-address.ts";
import { useStartOrder } from "../lib/use-start-order.ts";
import { storeMarker, zoneCells } from "../lib/zones.ts";
import { useStart } from "../order-state.ts";

const TILE_URL = import.meta.env.VITE_MAP_TILE_URL as string | undefined;

/** The area a new customer starts in, from their language (until they pick one). */
const AREA_FOR_LOCALE: Record<UiLocale, string> = { en: "us", de: "de", ja: "jp" };

/** "Later" times: the next whole quarter hour plus 30 min, as the datetime-local input wants them. */
function localInputValue(d: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function StartPage() {
  const t = useT();
  const locale = useUiLocale();
  const trpc = useTRPC();
  const current = useStart();
  const [channel, setChannel] = useState<"delivery" | "carryout">(current?.channel ?? "delivery");
  const [when, setWhen] = useState<"asap" | "later">(current?.scheduledFor ? "later" : "asap");
  const [laterAt, setLaterAt] = useState(() => {
    const d = new Date(Date.now() + 60 * 60_000);
    d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15, 0, 0);
    return localInputValue(d);
  });
  const stores = useQuery(trpc.store.list.queryOptions({}));
  const regions = useMemo(() => [...new Set((stores.data ?? []).map((s) => s.regionCode))], [stores.data]);
  const [picked, setRegion] = useState<string | null>(current?.regionCode ?? null);
  const region = picked ?? AREA_FOR_LOCALE[locale];
  const regionStores = useMemo(
    () => (stores.data ?? []).filter((s) => s.regionCode === region),
    [stores.data, region],
  );
  const [cells, setCells] = useState<string[]>([]);
  useEffect(() => {
    void zoneCells(regionStores).then(setCells);
  }, [regionStores]);
  const address = useDeliveryAddress(current);
  const { saved, addressId, pin } = address;
  const { error, refusal, problem, busy, startDelivery, startCarryout } = useStartOrder(
    when,
    laterAt,
    address,
  );

  const markers: MapMarker[] = useMemo(() => {
    const list = regionStores.map(storeMarker);
    // A typed point off the globe is explained by the form; the map is not asked to draw it.
    const onGlobe = pin !== null && Math.abs(pin.lat) <= 90 && Math.abs(pin.lng) <= 180;
    if (channel === "delivery" && addressId === "new" && pin && onGlobe)
      list.push({ id: "pin", kind: "pin", label: t("start.yourPin"), position: pin });
    const chosen = saved.find((a) => a.id === addressId);
    if (channel === "delivery" && chosen)
      list.push({
        id: "pin",
        kind: "destination",
        label: chosen.label,
        position: { lat: chosen.lat, lng: chosen.lng },
      });
    return list;
  }, [regionStores, channel, addressId, pin, saved, t]);
  // Named streets around the area's stores and zones (not the pin: moving it keeps the same map).
  const basemap = useBasemap({ cells, markers: regionStores.map(storeMarker), locale: appLocale() });

  return (
    <div className="page page--wide stack start">
      <h1>{t("start.title")}</h1>
      <ChannelChoice channel={channel} onChange={setChannel} />
      {regions.length > 1 ? <RegionChoice regions={regions} region={region} onChange={setRegion} /> : null}
      <WhenChoice when={when} laterAt={laterAt} onWhen={setWhen} onLaterAt={setLaterAt} />

      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}

      <div className="start__grid">
        <div className="stack">
          {channel === "delivery" ? (
            <DeliveryForm
              address={address}
              near={regionStores[0] ? { lat: regionStores[0].lat, lng: regionStores[0].lng } : null}
              busy={busy}
              refusal={refusal}
              problem={problem}
              stores={stores.data}
              onSubmit={startDelivery}
              onCarryout={startCarryout}
            />
          ) : (
            <CarryoutStores
              loading={stores.isPending}
              error={stores.isError ? stores.error : null}
              regionStores={regionStores}
              onCarryout={startCarryout}
            />
          )}
        </div>
        <LocalMap
          label={channel === "delivery" ? t("start.mapDelivery") : t("start.mapStores")}
          cells={channel === "delivery" ? cells : []}
          markers={markers}
          tileUrl={TILE_URL}
          basemap={basemap}
          height="24rem"
          onPick={channel === "delivery" ? (p) => address.setPin(p) : undefined}
        />
      </div>
    </div>
  );
}
