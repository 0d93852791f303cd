// What was recorded at the door, as much of it as the viewer may see: the store everything (photo,
// signature, position, distance, reason, whether the handover code was verified, the bag checks), its
// managers (and admins) download links too, the order's customer the time, photo and signature. And the
// handover code's state (never the code) for the store's console and the driver.

import type { AuthUser } from "../auth/tokens.ts";
import { staffRoleOf } from "../auth/user-profile.ts";
import type { HandoverState } from "../orders/order-for-dispatch.ts";
import { handoverLocked, iso } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { photoDownloadUrl } from "./delivery-photo.ts";
import type { TBagCheck, TDeliveryProof, THandoverState } from "./proof.schemas.ts";

export interface ProofRow {
  delivered_at: Date | null;
  dropoff_lat: number | null;
  dropoff_lng: number | null;
  dropoff_position_at: Date | null;
  dropoff_distance_m: number | null;
  away_reason: string | null;
  away_note: string | null;
  photo_key: string | null;
  signature_key: string | null;
  code_verified: boolean | null;
  bag_checks: string[] | null;
  proof_removed_at: Date | null;
}

/** Admins, and staff whose staff role is manager (the store is checked by the caller). */
export async function isManager(rt: DeliveryRuntime, user: AuthUser): Promise<boolean> {
  if (user.role === "admin") return true;
  return user.role === "staff" && (await staffRoleOf(rt.db, user.id)) === "manager";
}

export async function proofOf(
  rt: DeliveryRuntime,
  d: ProofRow,
  view: { staffView: boolean; customerView: boolean; manager: boolean },
): Promise<TDeliveryProof> {
  const store = view.staffView;
  const sees = store || view.customerView;
  const at = d.dropoff_position_at;
  const [photoUrl, signatureUrl] = sees
    ? await Promise.all([photoDownloadUrl(rt, d.photo_key), photoDownloadUrl(rt, d.signature_key)])
    : [null, null];
  return {
    deliveredAt: iso(d.delivered_at),
    photoUrl,
    signatureUrl,
    photoRemoved: sees ? photoRemoved(d) : null,
    position:
      store && d.dropoff_lat !== null && d.dropoff_lng !== null && at
        ? { lat: d.dropoff_lat, lng: d.dropoff_lng, at: new Date(at).toISOString() }
        : null,
    distanceM: store ? d.dropoff_distance_m : null,
    awayReason: store ? (d.away_reason as TDeliveryProof["awayReason"]) : null,
    awayNote: store ? d.away_note : null,
    codeVerified: store ? d.code_verified : null,
    bagChecks: store ? ((d.bag_checks as TBagCheck[] | null) ?? null) : null,
    downloads: store && view.manager ? { photo: photoUrl, signature: signatureUrl } : null,
  };
}

/** "Removed after 90 days" rather than a broken link, once the retention sweep deleted the photo. */
function photoRemoved(d: ProofRow): TDeliveryProof["photoRemoved"] {
  if (!d.proof_removed_at) return null;
  const at = new Date(d.proof_removed_at);
  const days = d.delivered_at
    ? Math.floor((at.getTime() - new Date(d.delivered_at).getTime()) / 86_400_000)
    : 0;
  return { at: at.toISOString(), afterDays: Math.max(0, days) };
}

/** The code's state as the store and the driver see it; null when the order needs no code. */
export function handoverState(h: HandoverState): THandoverState | null {
  if (!h.required) return null;
  return {
    required: true,
    failures: h.failures,
    locked: handoverLocked(h),
    confirmed: h.confirmedBy !== null,
    verified: h.verifiedAt !== null,
  };
}
