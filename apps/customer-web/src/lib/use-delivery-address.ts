// Where a delivery goes: one of the customer's saved addresses, or a typed one with a pin (tapped on the
// map, from the device's location, or typed as coordinates).
import { useSession, useTRPC } from "@pizza/ui";
import type { LngLat } from "@pizza/ui/map";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Start } from "../order-state.ts";

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
  const setField = (name: keyof AddressFields, value: string) => setFields((f) => ({ ...f, [name]: value }));
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

  /** The chosen or typed address with its location, or what is missing, in words. */
  function target(): { location: LngLat; address: Start["address"] } | { problem: string } {
    const chosen = saved.find((a) => a.id === addressId);
    if (chosen)
      return {
        location: { lat: chosen.lat, lng: chosen.lng },
        address: {
          line1: chosen.line1,
          line2: chosen.line2,
          city: chosen.city,
          postalCode: chosen.postalCode,
          notes: chosen.notes,
        },
      };
    const { line1, city, postalCode, notes } = fields;
    if (!line1.trim() || !city.trim()) return { problem: "Enter the street and the city." };
    if (!pin || Math.abs(pin.lat) > 90 || Math.abs(pin.lng) > 180)
      return { problem: "Drop a pin on the map (or use your location) so the driver finds you." };
    return {
      location: pin,
      address: {
        line1: line1.trim(),
        city: city.trim(),
        postalCode: postalCode.trim() || null,
        notes: notes.trim() || null,
      },
    };
  }

  return { saved, addressId, setAddressId, fields, setField, pin, setPin, target };
}

export type DeliveryAddress = ReturnType<typeof useDeliveryAddress>;
