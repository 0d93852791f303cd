// "Use my current location": the device's position, and the address the geocoder finds there.
import { useTRPCClient } from "@pizza/ui";
import type { LngLat } from "@pizza/ui/map";
import { useState } from "react";
import type { Place } from "../api-types.ts";
import { useT } from "../i18n/index.tsx";
import { appLocale } from "./app-locale.ts";

/** `onFound` gets the position and, when the geocoder knows it, the place there (else null). */
export function useDevicePlace(onFound: (at: LngLat, place: Place | null) => void) {
  const t = useT();
  const client = useTRPCClient();
  const [status, setStatus] = useState("");

  function locate() {
    if (!navigator.geolocation) return setStatus(t("address.noGeolocation"));
    setStatus(t("address.finding"));
    navigator.geolocation.getCurrentPosition(
      async (position) => {
        const at = { lat: position.coords.latitude, lng: position.coords.longitude };
        // Without a name for the place the position still counts; the customer types the street.
        const place = await client.geo.reverse.query({ ...at, locale: appLocale() }).catch(() => null);
        onFound(at, place);
        setStatus("");
      },
      () => setStatus(t("address.locationFailed")),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  return { status, locate };
}
