// Where a delivery goes: one of the customer's saved addresses, or a typed one with a pin (tapped on the
// map, from the device's location, or typed as coordinates), found from a suggestion or filled from
// what is at the customer's location.
import { useSession, useTRPC } from "@pizza/ui";
import type { LngLat } from "@pizza/ui/map";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Place } from "../api-types.ts";
import type { Start } from "../order-state.ts";
import { type AddressProblem, deliveryTarget } from "./delivery-target.ts";
import { placeFields } from "./places.ts";
import type { ChosenPlace } from "./use-pin-check.ts";

export type { AddressProblem };

export interface AddressFields {
  line1: string;
  city: string;
  postalCode: string;
  notes: string;
  lat: string;
  lng: string;
}

export function useDeliveryAddress(current: Start | null) {
  const trpc = useTRPC();
  const { user } = useSession();
  const profile = useQuery({ ...trpc.user.profile.queryOptions(), enabled: user !== null });
  const saved = profile.data?.addresses ?? [];
  const [addressId, setAddressId] = useState<string>("new");
  useEffect(() => {
    const def = profile.data?.defaultAddressId ?? profile.data?.addresses[0]?.id;
    if (def) setAddressId((a) => (a === "new" ? def : a));
  }, [profile.data]);
  const [fields, setFields] = useState<AddressFields>(() => ({
    line1: current?.address?.line1 ?? "",
    city: current?.address?.city ?? "",
    postalCode: current?.address?.postalCode ?? "",
    notes: current?.address?.notes ?? "",
    lat: current?.location ? String(current.location.lat) : "",
    lng: current?.location ? String(current.location.lng) : "",
  }));
  const [chosen, setChosen] = useState<ChosenPlace | null>(null);
  const setField = (name: keyof AddressFields, value: string) => {
    // A retyped street is no longer the suggestion that was chosen.
    if (name === "line1") setChosen(null);
    setFields((f) => ({ ...f, [name]: value }));
  };
  const { lat, lng } = fields;

  const pin: LngLat | null = useMemo(() => {
    const a = Number(lat);
    const b = Number(lng);
    return lat.trim() && lng.trim() && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lng: b } : null;
  }, [lat, lng]);

  /** A pin from the map or the device: it is for a new address. */
  function setPin(p: LngLat, newAddress = true) {
    if (newAddress) setAddressId("new");
    setFields((f) => ({ ...f, lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) }));
  }

  /** A suggestion (or what is at the pin) fills the address; the pin moves to it unless `at` says where. */
  function choosePlace(place: Place, at?: LngLat) {
    const point = at ?? { lat: place.lat, lng: place.lng };
    setAddressId("new");
    setChosen({ label: place.label, ...point });
    setFields((f) => ({ ...f, ...placeFields(place), lat: point.lat.toFixed(6), lng: point.lng.toFixed(6) }));
  }

  /** The pin back on the chosen address. */
  function pinToChosen() {
    if (chosen) setPin(chosen);
  }

  /** The chosen or typed address with its location, or what is missing, in words. */
  const target = () =>
    deliveryTarget(
      saved.find((a) => a.id === addressId),
      fields,
      pin,
    );

  return {
    saved,
    addressId,
    setAddressId,
    fields,
    setField,
    pin,
    setPin,
    chosen,
    choosePlace,
    pinToChosen,
    target,
  };
}

export type DeliveryAddress = ReturnType<typeof useDeliveryAddress>;
