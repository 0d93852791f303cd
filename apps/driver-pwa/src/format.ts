// What the driver's screens show: money, distances, addresses and navigation links. Offers, deliveries and
// shift summaries name their currency but not its digits, so those come from `currencyDigits` (@pizza/ui).
import { formatMoney } from "@pizza/contracts";
import { currencyDigits } from "@pizza/ui";

/** Minor units → "$12.50" / "12,50 €" / "¥1,200" in the phone's locale. */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency, currencyDigits(currency));
}

export function km(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}

export function addressLine(address: unknown): string {
  const a = address as { line1?: string; line2?: string | null; city?: string } | null;
  if (!a?.line1) return "Address on the order";
  return [a.line1, a.line2, a.city].filter(Boolean).join(", ");
}

/** Links that open the phone's navigation app at the coordinates. */
export function navigationLinks(to: { lat: number; lng: number }) {
  const ll = `${to.lat.toFixed(6)},${to.lng.toFixed(6)}`;
  return {
    https: `https://www.google.com/maps/dir/?api=1&destination=${ll}&travelmode=driving`,
    geo: `geo:${ll}?q=${ll}`,
  };
}

/** Seconds → "45 min" / "2 h 05 min". */
export function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
