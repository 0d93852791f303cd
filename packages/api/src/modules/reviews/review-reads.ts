// How the reviews module reads: every non-critical read runs under the "reviews" circuit breaker and
// through the `ReviewReads` port. Production passes reads straight through; a test passes a port that
// fails or hangs (through `PlatformOverrides.reviewReads`) to see the module degrade.
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import { preconditionFailed } from "../../errors.ts";
import type { Features } from "../../infra/features.ts";
import type { Resilience } from "../../infra/resilience.ts";

/** The breaker every reviews and ratings read goes through. */
export const REVIEWS_BREAKER = "reviews";
export const REVIEWS_UNAVAILABLE = "Reviews are temporarily unavailable. Please try again in a moment.";
export const REVIEWS_DISABLED = "Reviews are turned off right now.";

/** The port a guarded read goes through: `operation` names it ("listForItem", "ratingSummaries", …). */
export interface ReviewReads {
  run<T>(operation: string, read: () => Promise<T>): Promise<T>;
}

/** Production: the read itself. */
export const directReads: ReviewReads = { run: (_operation, read) => read() };

export interface ReviewsDeps {
  db: Kysely<Database>;
  resilience: Resilience;
  features: Features;
  log: Logger;
  now?: () => Date;
  /** Where guarded reads go through; `directReads` unless a test passes its own. */
  reads?: ReviewReads;
  /** Public review lists and the menu's ratings read here (infra/read-replica.ts: the standby or `db`). */
  lagTolerantDb?: Kysely<Database>;
}

/** The dependencies with their defaults filled in, as the use cases take them. */
export type ReviewsContext = Required<ReviewsDeps>;

export function reviewsContext(deps: ReviewsDeps): ReviewsContext {
  return {
    ...deps,
    now: deps.now ?? (() => new Date()),
    reads: deps.reads ?? directReads,
    lagTolerantDb: deps.lagTolerantDb ?? deps.db,
  };
}

export function assertReviewsEnabled(ctx: Pick<ReviewsContext, "features">): void {
  if (!ctx.features.isEnabled("reviews")) throw preconditionFailed(REVIEWS_DISABLED);
}

/** Runs a read under the reviews breaker; a failed, slow or short-circuited read says so clearly. */
export async function guardedRead<T>(
  ctx: Pick<ReviewsContext, "resilience" | "reads">,
  operation: string,
  read: () => Promise<T>,
): Promise<T> {
  const outcome = await ctx.resilience.run(REVIEWS_BREAKER, () => ctx.reads.run(operation, read));
  if (!outcome.ok) throw preconditionFailed(REVIEWS_UNAVAILABLE, { retryable: true, reason: outcome.reason });
  return outcome.value;
}
