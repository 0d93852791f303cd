import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  TaskCancelledError,
} from "cockatiel";
import type { Logger } from "pino";
import { Counter, Gauge, type Registry } from "prom-client";
import { AppError } from "../errors.ts";
import type { Cache } from "./cache.ts";

/**
 * Graceful degradation for non-critical reads (reviews, ratings, a cached menu's fallback copy).
 *
 * Every call runs under a named circuit breaker (cockatiel) and an aggressive timeout: a slow
 * dependency costs a caller at most `timeoutMs`, and after `failureThreshold` consecutive failures
 * the breaker opens so callers get the fallback at once, without touching the dependency, until
 * `halfOpenAfterMs` has passed and one trial call is let through. Domain errors (AppError: not
 * found, forbidden…) are answers, not failures: they pass through and never trip a breaker.
 */

export type BreakerState = "closed" | "open" | "half_open" | "isolated";
export type DegradedReason = "open" | "timeout" | "error";
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: DegradedReason; error: unknown };

export interface ResilienceSettings {
  timeoutMs: number;
  failureThreshold: number;
  halfOpenAfterMs: number;
}

export interface LastGood<T> {
  value: T;
  /** True when the live read failed and this is the last good copy. */
  stale: boolean;
  /** How old the value is (0 when fresh). */
  ageMs: number;
  fetchedAt: Date;
}

/** Thrown by `withLastGood` when the live read failed and no copy young enough exists. */
export class UnavailableError extends Error {
  constructor(
    readonly dependency: string,
    readonly reason: DegradedReason,
    cause: unknown,
  ) {
    super(`${dependency} is temporarily unavailable (${reason})`, { cause });
    this.name = "UnavailableError";
  }
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Isolated]: "isolated",
};

/**
 * `fn()`, or a TaskCancelledError once `ms` have passed (the call itself runs on; nothing here can stop
 * a Redis or SQL round trip halfway). Cockatiel's TimeoutPolicy does the same with an AbortController
 * per call that it aborts on return — a DOMException with a stack trace each time, on the hot path of
 * every getMenu and placeOrder (the menu generation read); a timer is all a timeout needs here.
 */
function withTimeout<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TaskCancelledError(`Operation timed out after ${ms}ms`)), ms);
    let pending: Promise<T>;
    try {
      pending = fn();
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Last-good copies kept in this process, so a copy survives Redis being down as well. */
const MEMORY_COPIES = 500;
/** Reads and writes of the cache (Redis) during a fallback never cost more than this. */
const CACHE_TIMEOUT_MS = 250;

export interface ResilienceDeps {
  settings: ResilienceSettings;
  log: Logger;
  registry?: Registry;
  cache?: Cache;
  now?: () => number;
}

export class Resilience {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly memory = new Map<string, { at: number; json: string }>();
  private readonly calls: Counter<"name" | "outcome">;
  private readonly staleServed: Counter<"key">;
  private readonly now: () => number;
  readonly settings: ResilienceSettings;

  constructor(private readonly deps: ResilienceDeps) {
    this.settings = deps.settings;
    this.now = deps.now ?? Date.now;
    const registers = deps.registry ? [deps.registry] : [];
    this.calls = new Counter({
      name: "noncritical_calls_total",
      help: "Non-critical calls by breaker and outcome (ok, timeout, error, open = short-circuited)",
      labelNames: ["name", "outcome"],
      registers,
    });
    this.staleServed = new Counter({
      name: "last_good_served_total",
      help: "Times a last good copy was served because the live read failed",
      labelNames: ["key"],
      registers,
    });
    const breakers = this.breakers;
    new Gauge({
      name: "circuit_breaker_state",
      help: "Circuit breaker state by name: 0 closed, 1 open, 2 half-open, 3 isolated",
      labelNames: ["name"],
      registers,
      collect() {
        for (const [name, b] of breakers) this.set({ name }, b.state);
      },
    });
  }

  /** The named breaker, created closed on first use. */
  breaker(name: string): CircuitBreakerPolicy {
    let b = this.breakers.get(name);
    if (!b) {
      b = circuitBreaker(
        handleWhen((e) => !(e instanceof AppError)),
        {
          halfOpenAfter: this.settings.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(this.settings.failureThreshold),
        },
      );
      b.onBreak(() => this.deps.log.warn({ breaker: name }, "circuit breaker opened"));
      b.onHalfOpen(() => this.deps.log.info({ breaker: name }, "circuit breaker half-open: trying again"));
      b.onReset(() => this.deps.log.info({ breaker: name }, "circuit breaker closed: dependency recovered"));
      this.breakers.set(name, b);
    }
    return b;
  }

  /** Every breaker's state, for /readyz and the health view. */
  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([name, b]) => [name, STATE_NAMES[b.state]]));
  }

  /**
   * Runs `fn` under breaker `name` and a timeout. Never throws for a failed, slow or short-circuited
   * call: it says why instead. Domain errors (AppError) are rethrown.
   */
  async run<T>(name: string, fn: () => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<Outcome<T>> {
    const ms = opts.timeoutMs ?? this.settings.timeoutMs;
    try {
      const value = await this.breaker(name).execute(() => withTimeout(ms, fn));
      this.calls.inc({ name, outcome: "ok" });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const reason: DegradedReason =
        error instanceof BrokenCircuitError
          ? "open"
          : error instanceof TaskCancelledError
            ? "timeout"
            : "error";
      this.calls.inc({ name, outcome: reason });
      if (reason !== "open")
        this.deps.log.warn({ breaker: name, reason, err: error }, "non-critical call failed");
      return { ok: false, reason, error };
    }
  }

  /**
   * Always attempts `fn` (never short-circuited by an open breaker), gives up after the timeout and
   * never throws: for writes that must not be skipped just because reads are failing, such as a cache
   * invalidation. Failures are logged and counted under `name`.
   */
  async attempt(
    name: string,
    fn: () => Promise<unknown>,
    opts: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const ms = opts.timeoutMs ?? this.settings.timeoutMs;
    try {
      await withTimeout(ms, fn);
      this.calls.inc({ name, outcome: "ok" });
      return true;
    } catch (error) {
      const reason = error instanceof TaskCancelledError ? "timeout" : "error";
      this.calls.inc({ name, outcome: reason });
      this.deps.log.error({ breaker: name, reason, err: error }, "best-effort write failed");
      return false;
    }
  }

  /** `run`, for callers that only need the value or a fallback (`undefined` unless given). */
  nonCritical<T>(name: string, fn: () => Promise<T>, opts?: { timeoutMs?: number }): Promise<T | undefined>;
  nonCritical<T>(name: string, fn: () => Promise<T>, opts: { timeoutMs?: number; fallback: T }): Promise<T>;
  async nonCritical<T>(
    name: string,
    fn: () => Promise<T>,
    opts: { timeoutMs?: number; fallback?: T } = {},
  ): Promise<T | undefined> {
    const outcome = await this.run(name, fn, opts);
    return outcome.ok ? outcome.value : opts.fallback;
  }

  /**
   * Reads through `fetch` (under breaker `breaker`, default the key's first segment) and keeps the
   * result as the "last good" copy, in this process and in the shared cache. When the read fails or
   * is slow, the last good copy is returned with its age, as long as it is at most `maxStaleMs` old;
   * otherwise an `UnavailableError` is thrown. Values go through JSON (Dates come back as strings).
   */
  async withLastGood<T>(
    key: string,
    fetch: () => Promise<T>,
    opts: { maxStaleMs: number; timeoutMs?: number; breaker?: string },
  ): Promise<LastGood<T>> {
    const name = opts.breaker ?? key.split(":")[0] ?? key;
    const outcome = await this.run(name, fetch, opts);
    if (outcome.ok) {
      const at = this.now();
      await this.remember(key, outcome.value, at, opts.maxStaleMs);
      return { value: outcome.value, stale: false, ageMs: 0, fetchedAt: new Date(at) };
    }
    const saved = await this.recall<T>(key);
    const ageMs = saved ? this.now() - saved.at : Number.POSITIVE_INFINITY;
    if (saved && ageMs <= opts.maxStaleMs) {
      this.staleServed.inc({ key: name });
      this.deps.log.warn({ key, ageMs, reason: outcome.reason }, "serving the last good copy");
      return { value: saved.value, stale: true, ageMs, fetchedAt: new Date(saved.at) };
    }
    throw new UnavailableError(name, outcome.reason, outcome.error);
  }

  private async remember(key: string, value: unknown, at: number, ttlMs: number): Promise<void> {
    const json = JSON.stringify({ at, value });
    this.memory.delete(key);
    this.memory.set(key, { at, json });
    if (this.memory.size > MEMORY_COPIES) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
    const cache = this.deps.cache;
    if (cache)
      await this.run("cache", () => cache.set(`lastgood:${key}`, json, ttlMs), {
        timeoutMs: CACHE_TIMEOUT_MS,
      });
  }

  private async recall<T>(key: string): Promise<{ at: number; value: T } | undefined> {
    const cache = this.deps.cache;
    const shared = cache
      ? await this.nonCritical("cache", () => cache.get(`lastgood:${key}`), { timeoutMs: CACHE_TIMEOUT_MS })
      : undefined;
    const local = this.memory.get(key)?.json;
    const copies = [shared, local]
      .filter((j): j is string => j !== undefined)
      .map((j) => JSON.parse(j) as { at: number; value: T });
    return copies.sort((a, b) => b.at - a.at)[0];
  }
}

/**
 * A cache whose failures cost a miss, never an error: with Redis down the callers read through to the
 * database. Reads go through breaker `name` (250 ms each; once it is open they do not even try).
 * Writes are always attempted (250 ms each), even with the breaker open, because some of them are invalidations
 * (the menu's generation bump) that other nodes rely on; a failed write is logged, never thrown —
 * with Redis really down there is nobody to tell, and cached entries stay bounded by their own TTL.
 */
export class FailSoftCache implements Cache {
  constructor(
    private readonly inner: Cache,
    private readonly resilience: Resilience,
    private readonly name = "cache",
  ) {}

  get(key: string): Promise<string | undefined> {
    return this.resilience.nonCritical(this.name, () => this.inner.get(key), { timeoutMs: CACHE_TIMEOUT_MS });
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.resilience.attempt(this.name, () => this.inner.set(key, value, ttlMs), {
      timeoutMs: CACHE_TIMEOUT_MS,
    });
  }

  async delete(key: string): Promise<void> {
    await this.resilience.attempt(this.name, () => this.inner.delete(key), { timeoutMs: CACHE_TIMEOUT_MS });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.resilience.attempt(this.name, () => this.inner.deletePrefix(prefix), {
      timeoutMs: 8 * CACHE_TIMEOUT_MS,
    });
  }

  async setFields(key: string, fields: ReadonlyMap<string, string>, ttlMs: number): Promise<void> {
    await this.resilience.attempt(this.name, () => this.inner.setFields(key, fields, ttlMs), {
      timeoutMs: CACHE_TIMEOUT_MS,
    });
  }

  getField(key: string, field: string): Promise<string | undefined> {
    return this.resilience.nonCritical(this.name, () => this.inner.getField(key, field), {
      timeoutMs: CACHE_TIMEOUT_MS,
    });
  }
}
