// Rate limits on rate-limiter-flexible: one Redis store shared by every node when REDIS_URL (or
// REDIS_CLUSTER_NODES: each key is one slot, its Lua script single-key) is set, in
// process otherwise. Every limit is consumed atomically *before* the work it guards (a burst cannot slip
// between a read of the count and its increment), and answers how long to wait when it refuses.
import type { RedisClient } from "@pizza/dispatch";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from "rate-limiter-flexible";
import { AppError } from "../errors.ts";

export interface RateDecision {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one hit against `key` (atomically, before the guarded work) and says whether it is within `limit` per window. */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /**
   * A one-shot gate: the first caller within `windowMs` passes and closes it for the rest of the window;
   * callers meanwhile (concurrent ones included) are refused. Growing delays are built from it.
   */
  gate(key: string, windowMs: number): Promise<RateDecision>;
  /** Forgets `key`'s count (and closes no gate). */
  reset(key: string): Promise<void>;
}

type Store = { kind: "memory" } | { kind: "redis"; client: RedisClient };

/**
 * How long a limit waits for Redis before the node counts in its own memory instead: a Redis that
 * stalls (paused, failing over) holds the connection open, so "not ready" never comes, only silence.
 */
const REDIS_WAIT_MS = 250;

/** Whole seconds for rate-limiter-flexible (at least 1). */
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class FlexibleRateLimiter implements RateLimiter {
  /** One limiter per limit value; they share the key space (and, on Redis, the store). */
  private readonly limiters = new Map<number, RateLimiterAbstract>();
  /** On Redis, each limiter's in-process fallback (used while Redis is unreachable). */
  private readonly insurance: RateLimiterMemory[] = [];

  constructor(
    private readonly store: Store,
    private readonly prefix = "rl",
  ) {}

  private limiter(points: number): RateLimiterAbstract {
    let limiter = this.limiters.get(points);
    if (!limiter) {
      const opts = { points, duration: 60, keyPrefix: this.prefix };
      // While Redis is unreachable each node keeps counting in its own memory (the library's insurance
      // limiter): the limits still hold per node, and ordering goes on when Redis is down or stalls.
      if (this.store.kind === "redis") {
        const insuranceLimiter = new RateLimiterMemory(opts);
        this.insurance.push(insuranceLimiter);
        limiter = new RLWrapperTimeouts({
          limiter: new RateLimiterRedis({
            ...opts,
            storeClient: this.store.client,
            rejectIfRedisNotReady: true,
          }),
          timeoutMs: REDIS_WAIT_MS,
          insuranceLimiter,
        });
      } else {
        limiter = new RateLimiterMemory(opts);
      }
      this.limiters.set(points, limiter);
    }
    return limiter;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    try {
      const res = await this.limiter(limit).consume(key, 1, { customDuration: seconds(windowMs) });
      return { allowed: true, count: res.consumedPoints, retryAfterMs: 0 };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return {
        allowed: false,
        count: refused.consumedPoints,
        retryAfterMs: Math.max(refused.msBeforeNext, 0),
      };
    }
  }

  gate(key: string, windowMs: number): Promise<RateDecision> {
    return this.hit(`gate:${key}`, 1, windowMs);
  }

  async reset(key: string): Promise<void> {
    if (this.store.kind === "memory") {
      // In process, each limiter keeps its own counts.
      const limiters = this.limiters.size > 0 ? [...this.limiters.values()] : [this.limiter(1)];
      await Promise.all(limiters.map((l) => l.delete(key)));
      return;
    }
    // On Redis every limiter reads and writes the same key: one DEL forgets the count for all of them.
    // Their in-process fallbacks each keep their own, cleared without a round trip.
    const [any] = this.limiters.values();
    await (any ?? this.limiter(1)).delete(key);
    await Promise.all(this.insurance.map((l) => l.delete(key)));
  }
}

export const memoryRateLimiter = (): RateLimiter => new FlexibleRateLimiter({ kind: "memory" });
export const redisRateLimiter = (client: RedisClient, prefix?: string): RateLimiter =>
  new FlexibleRateLimiter({ kind: "redis", client }, prefix);

/** The 429 every limit answers with: a sentence a person understands, and when to try again (Retry-After). */
export function tooManyRequests(
  message: string,
  retryAfterMs: number,
  details: Record<string, unknown> = {},
): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("TOO_MANY_REQUESTS", `${message} ${waitText(retryAfterSeconds)}`, {
    ...details,
    retryAfterMs,
    retryAfterSeconds,
  });
}

function waitText(s: number): string {
  if (s < 60) return `Please try again in ${s} second${s === 1 ? "" : "s"}.`;
  const m = Math.ceil(s / 60);
  return `Please try again in ${m} minute${m === 1 ? "" : "s"}.`;
}
