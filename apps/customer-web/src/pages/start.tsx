import { errorMessage, useSession, useTRPC, useTRPCClient } from "@pizza/ui";
import { type LngLat, LocalMap, type MapMarker } from "@pizza/ui/map";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { hoursToday, storeMarker, zoneCells } from "../lib/zones.ts";
import { type Start, type StoreInfo, setStart, useStart } from "../order-state.ts";
import { navigate } from "../router.tsx";

const TILE_URL = import.meta.env.VITE_MAP_TILE_URL as string | undefined;

const REGION_NAMES: Record<string, string> = { us: "New York", de: "Berlin", jp: "Tokyo" };

interface Refusal {
  message: string;
  carryout: { id: string; name: string; distanceKm: number }[];
}

function refusalOf(error: unknown): Refusal {
  const details = (error as { data?: { details?: Record<string, unknown> | null } })?.data?.details;
  const carryout = Array.isArray(details?.carryoutStores)
    ? (details.carryoutStores as Refusal["carryout"])
    : [];
  return { message: errorMessage(error), carryout };
}

/** "Later" times: the next whole quarter hour plus 30 min, as the datetime-local input wants them. */
function localInputValue(d: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function StartPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { user } = useSession();
  const current = useStart();
  const [channel, setChannel] = useState<"delivery" | "carryout">(current?.channel ?? "delivery");
  const [when, setWhen] = useState<"asap" | "later">(current?.scheduledFor ? "later" : "asap");
  const [laterAt, setLaterAt] = useState(() => {
    const d = new Date(Date.now() + 60 * 60_000);
    d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15, 0, 0);
    return localInputValue(d);
  });
  const stores = useQuery(trpc.store.list.queryOptions({}));
  const profile = useQuery({ ...trpc.user.profile.queryOptions(), enabled: user !== null });
  const regions = useMemo(() => [...new Set((stores.data ?? []).map((s) => s.regionCode))], [stores.data]);
  const [region, setRegion] = useState(current?.regionCode ?? "us");
  const regionStores = useMemo(
    () => (stores.data ?? []).filter((s) => s.regionCode === region),
    [stores.data, region],
  );
  const [cells, setCells] = useState<string[]>([]);
  useEffect(() => {
    void zoneCells(regionStores).then(setCells);
  }, [regionStores]);

  // Delivery: a saved address, or a typed one with a pin.
  const saved = profile.data?.addresses ?? [];
  const [addressId, setAddressId] = useState<string>("new");
  useEffect(() => {
    const def = profile.data?.defaultAddressId ?? profile.data?.addresses[0]?.id;
    if (def) setAddressId((a) => (a === "new" ? def : a));
  }, [profile.data]);
  const [line1, setLine1] = useState(current?.address?.line1 ?? "");
  const [city, setCity] = useState(current?.address?.city ?? "");
  const [postalCode, setPostalCode] = useState(current?.address?.postalCode ?? "");
  const [notes, setNotes] = useState(current?.address?.notes ?? "");
  const [lat, setLat] = useState(current?.location ? String(current.location.lat) : "");
  const [lng, setLng] = useState(current?.location ? String(current.location.lng) : "");
  const [error, setError] = useState("");
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  const pin: LngLat | null = useMemo(() => {
    const a = Number(lat);
    const b = Number(lng);
    return lat.trim() && lng.trim() && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lng: b } : null;
  }, [lat, lng]);

  const markers: MapMarker[] = useMemo(() => {
    const list = regionStores.map(storeMarker);
    if (channel === "delivery" && addressId === "new" && pin)
      list.push({ id: "pin", kind: "pin", label: "Your delivery pin", position: pin });
    const chosen = saved.find((a) => a.id === addressId);
    if (channel === "delivery" && chosen)
      list.push({
        id: "pin",
        kind: "destination",
        label: chosen.label,
        position: { lat: chosen.lat, lng: chosen.lng },
      });
    return list;
  }, [regionStores, channel, addressId, pin, saved]);

  function scheduled(): string | undefined | null {
    if (when === "asap") return undefined;
    const at = new Date(laterAt);
    if (Number.isNaN(at.getTime()) || at.getTime() < Date.now() + 10 * 60_000) {
      setError("Choose a time at least 15 minutes from now, or ASAP.");
      return null;
    }
    return at.toISOString();
  }

  async function startDelivery(event: FormEvent) {
    event.preventDefault();
    setError("");
    setRefusal(null);
    const scheduledFor = scheduled();
    if (scheduledFor === null) return;
    const chosen = saved.find((a) => a.id === addressId);
    let location: LngLat;
    let address: Start["address"];
    if (chosen) {
      location = { lat: chosen.lat, lng: chosen.lng };
      address = {
        line1: chosen.line1,
        line2: chosen.line2,
        city: chosen.city,
        postalCode: chosen.postalCode,
        notes: chosen.notes,
      };
    } else {
      if (!line1.trim() || !city.trim()) return setError("Enter the street and the city.");
      if (!pin || Math.abs(pin.lat) > 90 || Math.abs(pin.lng) > 180)
        return setError("Drop a pin on the map (or use your location) so the driver finds you.");
      location = pin;
      address = {
        line1: line1.trim(),
        city: city.trim(),
        postalCode: postalCode.trim() || null,
        notes: notes.trim() || null,
      };
    }
    setBusy(true);
    try {
      const store = await client.store.findForDelivery.query(location);
      setStart({
        channel: "delivery",
        storeId: store.id,
        storeName: store.name,
        regionCode: store.regionCode,
        location,
        address,
        ...(scheduledFor ? { scheduledFor } : {}),
      });
      navigate("/menu");
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  }

  function startCarryout(store: Pick<StoreInfo, "id" | "name" | "regionCode">) {
    setError("");
    const scheduledFor = scheduled();
    if (scheduledFor === null) return;
    setStart({
      channel: "carryout",
      storeId: store.id,
      storeName: store.name,
      regionCode: store.regionCode,
      ...(scheduledFor ? { scheduledFor } : {}),
    });
    navigate("/menu");
  }

  function locateDevice() {
    if (!navigator.geolocation) return setError("This device cannot share its location.");
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLat(p.coords.latitude.toFixed(6));
        setLng(p.coords.longitude.toFixed(6));
      },
      () => setError("We couldn't get your location; drop a pin on the map instead."),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  return (
    <div className="page page--wide stack start">
      <h1>How do you want your pizza?</h1>
      <fieldset className="segmented" aria-label="Delivery or carryout">
        <legend className="segmented__legend">Order type</legend>
        {(["delivery", "carryout"] as const).map((c) => (
          <label key={c} className="segmented__option">
            <input
              type="radio"
              name="channel"
              value={c}
              checked={channel === c}
              onChange={() => setChannel(c)}
            />
            <span>{c === "delivery" ? "Delivery" : "Carryout"}</span>
          </label>
        ))}
      </fieldset>

      {regions.length > 1 ? (
        <fieldset className="segmented segmented--auto" aria-label="Area">
          <legend className="segmented__legend">Area</legend>
          {regions.map((r) => (
            <label key={r} className="segmented__option">
              <input
                type="radio"
                name="region"
                value={r}
                checked={region === r}
                onChange={() => setRegion(r)}
              />
              <span>{REGION_NAMES[r] ?? r.toUpperCase()}</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="segmented" aria-label="When">
        <legend className="segmented__legend">When</legend>
        <label className="segmented__option">
          <input type="radio" name="when" checked={when === "asap"} onChange={() => setWhen("asap")} />
          <span>ASAP</span>
        </label>
        <label className="segmented__option">
          <input type="radio" name="when" checked={when === "later"} onChange={() => setWhen("later")} />
          <span>Schedule</span>
        </label>
      </fieldset>
      {when === "later" ? (
        <label className="field">
          <span className="field__label">Date and time</span>
          <input
            className="input"
            type="datetime-local"
            value={laterAt}
            onChange={(e) => setLaterAt(e.target.value)}
          />
        </label>
      ) : null}

      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}

      <div className="start__grid">
        <div className="stack">
          {channel === "delivery" ? (
            <form className="card stack" onSubmit={startDelivery} noValidate>
              <h2>Deliver to</h2>
              {saved.length > 0 ? (
                <fieldset className="stack stack--tight address-choice">
                  <legend className="field__label">Saved addresses</legend>
                  {saved.map((a) => (
                    <label key={a.id} className="checkbox">
                      <input
                        type="radio"
                        name="address"
                        checked={addressId === a.id}
                        onChange={() => setAddressId(a.id)}
                      />
                      <span>
                        <strong>{a.label}</strong> · {a.line1}, {a.city}
                      </span>
                    </label>
                  ))}
                  <label className="checkbox">
                    <input
                      type="radio"
                      name="address"
                      checked={addressId === "new"}
                      onChange={() => setAddressId("new")}
                    />
                    <span>Another address</span>
                  </label>
                </fieldset>
              ) : null}
              {addressId === "new" || saved.length === 0 ? (
                <div className="stack stack--tight">
                  <label className="field">
                    <span className="field__label">Street and number</span>
                    <input
                      className="input"
                      name="line1"
                      autoComplete="address-line1"
                      value={line1}
                      onChange={(e) => setLine1(e.target.value)}
                    />
                  </label>
                  <div className="grid-2">
                    <label className="field">
                      <span className="field__label">City</span>
                      <input
                        className="input"
                        name="city"
                        autoComplete="address-level2"
                        value={city}
                        onChange={(e) => setCity(e.target.value)}
                      />
                    </label>
                    <label className="field">
                      <span className="field__label">Postal code</span>
                      <input
                        className="input"
                        name="postalCode"
                        autoComplete="postal-code"
                        value={postalCode}
                        onChange={(e) => setPostalCode(e.target.value)}
                      />
                    </label>
                  </div>
                  <label className="field">
                    <span className="field__label">Notes for the driver (optional)</span>
                    <input
                      className="input"
                      name="notes"
                      value={notes}
                      onChange={(e) => setNotes(e.target.value)}
                    />
                  </label>
                  <p className="small muted">
                    Tap the map to drop a pin where we should deliver, use your location, or type the
                    coordinates.
                  </p>
                  <div className="grid-2">
                    <label className="field">
                      <span className="field__label">Latitude</span>
                      <input
                        className="input"
                        name="lat"
                        inputMode="decimal"
                        value={lat}
                        onChange={(e) => setLat(e.target.value)}
                      />
                    </label>
                    <label className="field">
                      <span className="field__label">Longitude</span>
                      <input
                        className="input"
                        name="lng"
                        inputMode="decimal"
                        value={lng}
                        onChange={(e) => setLng(e.target.value)}
                      />
                    </label>
                  </div>
                  <div>
                    <button type="button" className="button button--small" onClick={locateDevice}>
                      Use my location
                    </button>
                  </div>
                </div>
              ) : null}
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? "Finding your store…" : "Find my store and see the menu"}
              </button>
              {refusal ? (
                <div className="alert alert--error stack stack--tight" role="alert" data-testid="out-of-zone">
                  <strong>{refusal.message}</strong>
                  {refusal.carryout.length > 0 ? (
                    <>
                      <span>Pick it up yourself instead:</span>
                      <div className="row">
                        {refusal.carryout.map((s) => {
                          const full = stores.data?.find((x) => x.id === s.id);
                          return (
                            <button
                              key={s.id}
                              type="button"
                              className="button button--small"
                              onClick={() => full && startCarryout(full)}
                              disabled={!full}
                            >
                              Carryout from {s.name} ({s.distanceKm} km)
                            </button>
                          );
                        })}
                      </div>
                    </>
                  ) : null}
                </div>
              ) : null}
            </form>
          ) : (
            <section className="card stack" aria-labelledby="stores-heading">
              <h2 id="stores-heading">Pick up from</h2>
              {stores.isPending ? <p role="status">Loading stores…</p> : null}
              {stores.isError ? <div className="alert alert--error">{errorMessage(stores.error)}</div> : null}
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
                      onClick={() => startCarryout(s)}
                    >
                      Order here
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <LocalMap
          label={channel === "delivery" ? "Delivery zones and stores; tap to drop your pin" : "Our stores"}
          cells={channel === "delivery" ? cells : []}
          markers={markers}
          tileUrl={TILE_URL}
          height="24rem"
          onPick={
            channel === "delivery"
              ? (p) => {
                  setAddressId("new");
                  setLat(p.lat.toFixed(6));
                  setLng(p.lng.toFixed(6));
                }
              : undefined
          }
        />
      </div>
    </div>
  );
}
