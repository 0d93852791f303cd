// Two pools, one for the primary and one for a streaming standby, behind one Kysely whose every new
// connection is taken from the standby while `useStandby()` says so and from the primary otherwise (or
// when the standby refuses the connection). The API's read routing (infra/read-replica.ts) decides.
import { Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import { type DbHandle, survivesServerLoss } from "./connect.ts";
import type { Database } from "./schema.ts";

export interface RoutedReads {
  /** Standby or primary, chosen per connection by `useStandby`. */
  routed: Kysely<Database>;
  /** The standby alone (lag checks, reads already known to be fresh enough there). */
  standby: Kysely<Database>;
  close(): Promise<void>;
}

export function routeReads(opts: {
  primary: DbHandle;
  standbyUrl: string;
  poolSize: number;
  useStandby(): boolean;
  /** Told when the standby refused a connection (the read went to the primary). */
  onStandbyError(error: unknown): void;
}): RoutedReads {
  const primaryPool = opts.primary.pool;
  if (!primaryPool) throw new Error("read routing needs PostgreSQL (DATABASE_URL) as the primary");
  const standbyPool = new pg.Pool({
    connectionString: opts.standbyUrl,
    max: opts.poolSize,
    connectionTimeoutMillis: 2000,
  });
  survivesServerLoss(standbyPool);
  // Kysely's PostgresDriver takes a connection per query or transaction and releases it to its own pool.
  const router: PostgresPool = {
    async connect() {
      if (opts.useStandby()) {
        try {
          return await standbyPool.connect();
        } catch (error) {
          opts.onStandbyError(error);
        }
      }
      return primaryPool.connect();
    },
    // The pools are ended by their owners (the primary's by its DbHandle, the standby's by close()).
    end: async () => {},
  };
  const routed = new Kysely<Database>({ dialect: new PostgresDialect({ pool: router }) });
  const standby = new Kysely<Database>({ dialect: new PostgresDialect({ pool: standbyPool }) });
  return {
    routed,
    standby,
    async close() {
      await routed.destroy();
      await standby.destroy();
    },
  };
}
