/** Minor units → "$12.50" / "12,50 €" / "¥1,200" (the currency's own number of decimals). */
export function money(minor: number, currency: string): string {
  const f = new Intl.NumberFormat(undefined, { style: "currency", currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat(undefined, { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export function km(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}

/** Great-circle distance in metres. */
export function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
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
