// How long to wait before reconnecting: exponential, capped, with jitter so clients that dropped
// together do not all come back at once.

export interface BackoffOptions {
  /** First delay. */
  baseMs: number;
  /** Ceiling of the delay. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** 0..1: the delay is spread uniformly over ±jitter of itself, so clients that dropped together do not return together. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000, factor: 2, jitter: 0.3 };

/** The wait before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const n = Math.max(0, Math.floor(attempt));
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** Math.min(n, 32));
  const spread = raw * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(options.maxMs, Math.round(raw + spread)));
}
