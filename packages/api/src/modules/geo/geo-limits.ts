// How often one client address may ask the geocoder: autocomplete sends a request every few keystrokes,
// and many customers share an office or mobile NAT address, so the limit is generous per IP; it exists
// to stop one client from draining a shared (possibly paid) geocoder.
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";

export const GEO_LIMITS = { perIp: 300, windowMs: 60_000 };

/** Counts one lookup (search, reverse or pin check) against the caller's IP; over the limit → 429 with Retry-After. */
export async function limitGeoLookups(limiter: RateLimiter, ip: string): Promise<void> {
  const decision = await limiter.hit(`geo:ip:${ip}`, GEO_LIMITS.perIp, GEO_LIMITS.windowMs);
  if (decision.allowed) return;
  throw tooManyRequests("Too many address searches from your network right now.", decision.retryAfterMs, {
    reason: "rate_limited_ip",
  });
}
