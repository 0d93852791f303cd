// Whether the pin on the map still agrees with the address the customer chose (geo.checkPin), asked
// once the pin has settled; the customer may keep a pin that disagrees (a back entrance, a park).
import { useTRPC } from "@pizza/ui";
import type { LngLat } from "@pizza/ui/map";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { PinCheck } from "../api-types.ts";
import { appLocale } from "./app-locale.ts";
import { useDebounced } from "./use-debounced.ts";

/** The address the customer chose from the suggestions (or that was found at their location). */
export interface ChosenPlace {
  label: string;
  lat: number;
  lng: number;
}

const samePoint = (a: LngLat, b: LngLat) => a.lat === b.lat && a.lng === b.lng;

/** The check's answer while the pin disagrees and the customer has not said to keep it; else null. */
export function usePinCheck(chosen: ChosenPlace | null, pin: LngLat | null) {
  const trpc = useTRPC();
  const settled = useDebounced(pin, 250);
  const [kept, setKept] = useState<LngLat | null>(null);
  const ask = chosen !== null && settled !== null && !samePoint(settled, chosen);
  const check = useQuery({
    ...trpc.geo.checkPin.queryOptions({
      address: { lat: chosen?.lat ?? 0, lng: chosen?.lng ?? 0 },
      label: chosen?.label ?? "-",
      pin: settled ?? { lat: 0, lng: 0 },
      locale: appLocale(),
    }),
    enabled: ask && Math.abs(settled.lat) <= 90 && Math.abs(settled.lng) <= 180,
    retry: false,
  });
  const answer: PinCheck | undefined = check.data;
  const warning =
    ask && answer?.disagree && pin && samePoint(pin, settled) && !(kept && samePoint(kept, settled))
      ? answer
      : null;
  return { warning, keep: () => setKept(settled) };
}
