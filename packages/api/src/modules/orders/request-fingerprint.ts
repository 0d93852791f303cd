// Idempotency keys bind one request, as Stripe's do: a placeOrder retried with the same key and the
// same request gets the first order back; the same key with a different request is refused (422)
// instead of silently answering an order the customer did not ask for this time.
import { createHash } from "node:crypto";
import { AppError } from "../../errors.ts";
import type { OrderRow } from "./order-rows.ts";
import type { TPlaceOrderRequest } from "./orders.schemas.ts";

/** An order found by its idempotency key, with the fingerprint of the request that placed it. */
export type ReplayRow = OrderRow & { request_hash: string | null };

/** JSON with object keys sorted at every level: the same request whatever order the client wrote it in. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/**
 * A fingerprint of the validated request (defaults applied), without the idempotency key itself.
 * In-process and cheap (one SHA-256 over a few hundred bytes): the place() hot path gets no round trip.
 */
export function placeRequestHash(input: TPlaceOrderRequest): string {
  const { idempotencyKey: _key, ...request } = input;
  return createHash("sha256").update(canonical(request)).digest("base64url");
}

/**
 * The order a replay answers with, unless it was placed by a different request under the same key
 * (422). Orders without a fingerprint (placed before migration 0009) replay without the check.
 */
export function sameRequest(row: ReplayRow, hash: string): OrderRow {
  if (row.request_hash && row.request_hash !== hash) {
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      "This idempotency key was already used for a different order (another cart, tip or address): check your orders, or try again to place this one as a new order.",
      { reason: "idempotency_key_reused" },
    );
  }
  return row;
}
