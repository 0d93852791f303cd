// Geocoder answers kept in the cache (shared by every node with REDIS_URL): the same words in the same
// language near the same place get the same suggestions for an hour. Keys are hashes, so typed
// addresses are not stored in the clear; a cache that fails is skipped, never an error.
import { createHash } from "node:crypto";
import type { Cache } from "../../infra/cache.ts";

export const GEO_CACHE_TTL_MS = 60 * 60_000;

export function geoCacheKey(kind: string, parts: (string | number | undefined)[]): string {
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 32);
  return `geo:${kind}:${digest}`;
}

/** The cached answer for `key`, or `load()`'s (then cached); no cache at all when `cache` is undefined. */
export async function cachedLookup<T>(
  cache: Cache | undefined,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  if (!cache) return load();
  const hit = await cache.get(key).catch(() => undefined);
  if (hit !== undefined) return JSON.parse(hit) as T;
  const value = await load();
  await cache.set(key, JSON.stringify(value), GEO_CACHE_TTL_MS).catch(() => {});
  return value;
}
