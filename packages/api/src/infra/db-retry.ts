// Transactions that lose to another one are run again; what still fails from the database under
// load becomes a clear answer (409 or 503 with Retry-After), never a 500.
import { AppError, conflict, serviceUnavailable } from "../errors.ts";

/** PostgreSQL's verdicts that say "run the transaction again": deadlock_detected, serialization_failure. */
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

/** SQLSTATEs that mean the database is too busy right now (not that the request is wrong). */
const BUSY_SQLSTATES = new Set([
  "55P03", // lock_not_available (lock_timeout)
  "57014", // query_canceled (statement_timeout)
  "53300", // too_many_connections
  "53400", // configuration_limit_exceeded
  "57P01", // admin_shutdown (a failover)
  "57P03", // cannot_connect_now (starting up)
]);

/** Socket-level failures of the connection to the database. */
const CONNECTION_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

const sqlState = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};

export function isRetryableDbError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

export interface RetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number;
  /** Upper bound of the first pause; each later pause may be twice as long (default 15 ms). */
  baseDelayMs?: number;
  /** Which failures are worth another try (default: deadlock / serialization failure). */
  retryIf?: (error: unknown) => boolean;
  random?: () => number;
}

/**
 * Runs `work` — which must open (and so roll back) its own transaction — again when it hit a
 * deadlock or serialization failure, a bounded number of times with full jitter, so that the
 * transactions that collided do not collide again in lockstep. The last failure is rethrown.
 */
export async function withDbRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 15;
  const retryIf = options.retryIf ?? isRetryableDbError;
  const random = options.random ?? Math.random;
  for (let tryNo = 1; ; tryNo++) {
    try {
      return await work();
    } catch (error) {
      if (tryNo >= attempts || !retryIf(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, random() * base * 2 ** (tryNo - 1)));
    }
  }
}

/** How long a client should wait before trying again after a busy database. */
export const DB_BUSY_RETRY_AFTER_MS = 2000;

/**
 * The answer for a failure that came from the database being busy or unreachable, or undefined
 * when `error` is something else (a bug stays a 500). Retries exhausted on a deadlock or
 * serialization failure: 409, a race lost to another change. Lock or statement timeouts, too many
 * connections, a full pool, a lost connection: 503 with Retry-After.
 */
export function databaseBusyError(error: unknown): AppError | undefined {
  if (error instanceof AppError || !(error instanceof Error)) return undefined;
  const code = sqlState(error);
  if (code !== undefined && RETRYABLE_SQLSTATES.has(code)) {
    return conflict("Someone else changed the same thing at this very moment; please try again.", {
      reason: "contention",
      retryAfterMs: 1000,
    });
  }
  const message = error.message ?? "";
  const busy =
    (code !== undefined &&
      (BUSY_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code) || code.startsWith("08"))) ||
    // node-postgres: a full pool that waited too long, or a connection that went away.
    /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      message,
    );
  if (!busy) return undefined;
  return serviceUnavailable("We are very busy right now; please try again in a moment.", {
    reason: "database_busy",
    retryAfterMs: DB_BUSY_RETRY_AFTER_MS,
  });
}
