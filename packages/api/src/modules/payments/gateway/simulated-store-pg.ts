// The simulated gateway's memory in PostgreSQL (migration 0031): its PaymentIntents
// (simulated_payment_intents, one jsonb document each, changed under the row's lock) and its idempotency
// answers (simulated_gateway_requests). Stripe keeps both on its side, seen alike by every API node; so
// does the simulation now, so a 3-D Secure confirmation, a retry or the reconciliation sweep reaching
// another node than the one that created the intent finds it.
import { type Database, type Kysely, sql } from "@pizza/db";
import type { IdempotencyAnswers, Outcome } from "./simulated-idempotency.ts";
import { type IntentState, type IntentStore, noSuchIntent } from "./simulated-intents.ts";

/** A request under a key that has run this long without an answer died with its node: the next one takes over. */
const ABANDONED_AFTER = "60 seconds";

const parse = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

export class PgIntentStore implements IntentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(state: IntentState): Promise<void> {
    await this.db
      .insertInto("simulated_payment_intents")
      .values({ id: state.id, state: JSON.stringify(state) })
      .execute();
  }

  async get(intentId: string): Promise<IntentState> {
    const row = await this.db
      .selectFrom("simulated_payment_intents")
      .select("state")
      .where("id", "=", intentId)
      .executeTakeFirst();
    if (!row) throw noSuchIntent(intentId);
    return parse<IntentState>(row.state);
  }

  update<T>(intentId: string, change: (state: IntentState) => T): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("simulated_payment_intents")
        .select("state")
        .where("id", "=", intentId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw noSuchIntent(intentId);
      const state = parse<IntentState>(row.state);
      const result = change(state);
      await trx
        .updateTable("simulated_payment_intents")
        .set({ state: JSON.stringify(state), updated_at: sql`now()` })
        .where("id", "=", intentId)
        .execute();
      return result;
    });
  }
}

export class PgIdempotencyAnswers implements IdempotencyAnswers {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(
    scoped: string,
    fingerprint: string,
  ): Promise<"claimed" | { fingerprint: string; outcome: Outcome | null }> {
    const inserted = await this.db
      .insertInto("simulated_gateway_requests")
      .values({ scoped_key: scoped, fingerprint })
      .onConflict((oc) => oc.column("scoped_key").doNothing())
      .returning("scoped_key")
      .executeTakeFirst();
    if (inserted) return "claimed";
    const takenOver = await this.db
      .updateTable("simulated_gateway_requests")
      .set({ fingerprint, created_at: sql`now()` })
      .where("scoped_key", "=", scoped)
      .where("outcome", "is", null)
      .where("created_at", "<", sql<Date>`now() - ${ABANDONED_AFTER}::interval`)
      .returning("scoped_key")
      .executeTakeFirst();
    if (takenOver) return "claimed";
    const row = await this.db
      .selectFrom("simulated_gateway_requests")
      .select(["fingerprint", "outcome"])
      .where("scoped_key", "=", scoped)
      .executeTakeFirst();
    // Released in between: this request is the first again.
    if (!row) return this.claim(scoped, fingerprint);
    return {
      fingerprint: row.fingerprint,
      outcome: row.outcome === null ? null : parse<Outcome>(row.outcome),
    };
  }

  async settle(scoped: string, outcome: Outcome): Promise<void> {
    await this.db
      .updateTable("simulated_gateway_requests")
      .set({ outcome: JSON.stringify(outcome) })
      .where("scoped_key", "=", scoped)
      .execute();
  }

  async release(scoped: string): Promise<void> {
    await this.db.deleteFrom("simulated_gateway_requests").where("scoped_key", "=", scoped).execute();
  }
}
