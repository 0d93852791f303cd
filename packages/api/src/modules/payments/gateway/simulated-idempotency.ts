import { GatewayError } from "./payment-gateway.ts";

/**
 * Idempotency keys as Stripe keeps them: the first answer under a key (or its refusal) is replayed to
 * every later request with the same key and parameters; other parameters under the same key are
 * refused, and a second request while the first is still running gets a 409 to retry. The answers live
 * in an IdempotencyAnswers store: memory for a gateway of its own, PostgreSQL for the platform's
 * (simulated-store-pg.ts), so a retry that reaches another API node gets the first answer too.
 */

export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { message: string; code: string | null } };

export interface IdempotencyAnswers {
  /** "claimed" for the first request under `scoped`; else what is kept (outcome null: still running). */
  claim(
    scoped: string,
    fingerprint: string,
  ): Promise<"claimed" | { fingerprint: string; outcome: Outcome | null }>;
  /** The first request's answer, replayed from now on. */
  settle(scoped: string, outcome: Outcome): Promise<void>;
  /** The first request failed in a way a retry may not (a transient error): forget the key. */
  release(scoped: string): Promise<void>;
}

export class MemoryIdempotencyAnswers implements IdempotencyAnswers {
  private readonly answers = new Map<string, { fingerprint: string; outcome: Outcome | null }>();

  async claim(scoped: string, fingerprint: string) {
    const found = this.answers.get(scoped);
    if (found) return found;
    this.answers.set(scoped, { fingerprint, outcome: null });
    return "claimed" as const;
  }

  async settle(scoped: string, outcome: Outcome): Promise<void> {
    const found = this.answers.get(scoped);
    if (found) found.outcome = structuredClone(outcome);
  }

  async release(scoped: string): Promise<void> {
    this.answers.delete(scoped);
  }
}

export class SimulatedIdempotency {
  constructor(private readonly answers: IdempotencyAnswers = new MemoryIdempotencyAnswers()) {}

  async run<T>(key: string | null, op: string, params: unknown, execute: () => Promise<T>): Promise<T> {
    if (key === null) return execute();
    const scoped = `${op}:${key}`;
    const fingerprint = JSON.stringify(params);
    const found = await this.answers.claim(scoped, fingerprint);
    if (found !== "claimed") {
      if (!found.outcome) {
        throw new GatewayError(
          "transient",
          "Another request with this idempotency key is in progress (409).",
          "idempotency_key_in_use",
        );
      }
      if (found.fingerprint !== fingerprint) {
        throw new GatewayError(
          "invalid",
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          "idempotency_error",
        );
      }
      if (found.outcome.ok) return structuredClone(found.outcome.value) as T;
      throw new GatewayError("invalid", found.outcome.error.message, found.outcome.error.code);
    }
    try {
      const value = await execute();
      await this.answers.settle(scoped, { ok: true, value: structuredClone(value) });
      return value;
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "invalid")
        await this.answers.settle(scoped, { ok: false, error: { message: error.message, code: error.code } });
      else await this.answers.release(scoped);
      throw error;
    }
  }
}
