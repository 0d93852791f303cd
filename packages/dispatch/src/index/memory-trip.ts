// Trips in the in-process index: an offer may carry companions (the rest of one trip), and what happens
// to the offer — accept, decline, cancel, expiry — happens to every delivery on it. Mirrors the Lua.
import type { ClaimOptions, DeliveryRecord, DriverOffer } from "./driver-index.ts";

/** The deliveries of an offer: the one it was made for, then its companions. */
export function offerIds(offer: DriverOffer): string[] {
  return [offer.deliveryId, ...(offer.companions ?? [])];
}

export function offerHas(offer: DriverOffer | null, deliveryId: string): offer is DriverOffer {
  return offer !== null && offerIds(offer).includes(deliveryId);
}

/** Whether every companion's record is still at the version the claim was decided on. */
export function companionsCurrent(requests: Map<string, DeliveryRecord>, opts: ClaimOptions): boolean {
  return (opts.companions ?? []).every((c) => requests.get(c.deliveryId)?.version === c.expectedVersion);
}

/** Writes the companions' offered records (one version on) and takes them off the schedule. */
export function writeCompanions(
  requests: Map<string, DeliveryRecord>,
  pending: Map<string, number>,
  opts: ClaimOptions,
): void {
  for (const c of opts.companions ?? []) {
    requests.set(c.deliveryId, { ...structuredClone(c.next), version: c.expectedVersion + 1 });
    pending.delete(c.deliveryId);
  }
}

/**
 * A delivery of a trip whose offer ended without it being the one declined or cancelled: back to
 * waiting, due now, off the trip; `mark` records the driver as having declined or let it time out.
 */
export function backToWaiting(
  requests: Map<string, DeliveryRecord>,
  pending: Map<string, number>,
  driverId: string,
  deliveryId: string,
  now: number,
  mark: "declined" | "timedOut" | null,
): void {
  const rec = requests.get(deliveryId);
  if (rec?.status !== "offered" || rec.driverId !== driverId) return;
  rec.status = "waiting";
  rec.driverId = null;
  rec.offerDeadline = null;
  rec.trip = null;
  if (mark) rec[mark].push(driverId);
  rec.version++;
  pending.set(deliveryId, now);
}

/** Waiting deliveries due at or before `until`, soonest first, without leasing them. */
export function waitingBefore(
  requests: Map<string, DeliveryRecord>,
  pending: Map<string, number>,
  until: number,
  max: number,
): DeliveryRecord[] {
  return [...pending]
    .filter(([, at]) => at <= until)
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => requests.get(id))
    .filter((r): r is DeliveryRecord => r?.status === "waiting")
    .slice(0, max)
    .map((r) => structuredClone(r));
}
