import { GatewayError } from "./payment-gateway.ts";

/**
 * Idempotency keys as Stripe keeps them: the first answer under a key (or its refusal) is replayed to
 * every later request with the same key and parameters; other parameters under the same key are
 * refused, and a second request while the first is still running gets a 409 to retry.
 */

type Outcome = { ok: true; value: unknown } | { ok: false; error: GatewayError };

export class SimulatedIdempotency {
  private readonly answers = new Map<string, { fingerprint: string; outcome: Outcome }>();
  private readonly inFlight = new Set<string>();

  run<T>(key: string | null, op: string, params: unknown, execute: () => T): T {
    if (key === null) return execute();
    const scoped = `${op}:${key}`;
    const fingerprint = JSON.stringify(params);
    const cached = this.answers.get(scoped);
    if (cached) {
      if (cached.fingerprint !== fingerprint) {
        throw new GatewayError(
          "invalid",
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          "idempotency_error",
        );
      }
      if (cached.outcome.ok) return structuredClone(cached.outcome.value) as T;
      throw cached.outcome.error;
    }
    if (this.inFlight.has(scoped)) {
      throw new GatewayError(
        "transient",
        "Another request with this idempotency key is in progress (409).",
        "idempotency_key_in_use",
      );
    }
    this.inFlight.add(scoped);
    try {
      const value = execute();
      this.answers.set(scoped, { fingerprint, outcome: { ok: true, value: structuredClone(value) } });
      return value;
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "invalid") {
        this.answers.set(scoped, { fingerprint, outcome: { ok: false, error } });
      }
      throw error;
    } finally {
      this.inFlight.delete(scoped);
    }
  }
}
