import type { Redis } from "ioredis";

export interface RateDecision {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  retryAfterMs: number;
}

/** Fixed-window counter: `hit` counts one attempt against `key` and says whether it is within `limit`. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /** The current window's count for `key` without counting a hit. */
  peek(key: string): Promise<{ count: number; retryAfterMs: number }>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
      if (this.windows.size > 100_000) this.evictExpired(now);
    }
    w.count += 1;
    return {
      allowed: w.count <= limit,
      count: w.count,
      retryAfterMs: w.count <= limit ? 0 : w.resetAt - now,
    };
  }

  async peek(key: string): Promise<{ count: number; retryAfterMs: number }> {
    const w = this.windows.get(key);
    const now = this.now();
    return !w || w.resetAt <= now
      ? { count: 0, retryAfterMs: 0 }
      : { count: w.count, retryAfterMs: w.resetAt - now };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private evictExpired(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

// INCR and set the expiry on the first hit, atomically, so every node shares one window per key.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}
`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "rl:",
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [
      number,
      number,
    ];
    return { allowed: count <= limit, count, retryAfterMs: count <= limit ? 0 : Math.max(ttl, 0) };
  }

  async peek(key: string): Promise<{ count: number; retryAfterMs: number }> {
    const [count, ttl] = await Promise.all([
      this.redis.get(this.prefix + key),
      this.redis.pttl(this.prefix + key),
    ]);
    return { count: Number(count ?? 0), retryAfterMs: Math.max(ttl, 0) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
