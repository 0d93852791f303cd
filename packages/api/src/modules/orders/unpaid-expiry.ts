// Unpaid card orders expire: a `pending_payment` order holds a kitchen slot, counted stock and a
// promo redemption, so it may not hold them for ever. The sweep cancels it through
// OrdersService.transition(…, "cancelled", "system") — the one write path, which releases slot, stock
// and promo and runs the payments cancel hook in the same transaction — with a reason the tracker shows.
//
// Windows (config.unpaid):
// - `ttlMs` (PENDING_PAYMENT_TTL, 15 min) from the order's creation;
// - an order whose card attempt is still open (3-D Secure challenge `requires_action`, or `started` /
//   `unknown` at the gateway) is spared while that attempt is younger than `actionTtlMs`
//   (PENDING_ACTION_TTL, 15 min) — a customer in the middle of paying is not cut off — but never past
//   ttl + actionTtl from creation, so starting new challenges cannot keep an order alive for ever. A
//   charge that lands after the cancel is refunded in full by the payments ledger.
// Safe on several nodes: each sweep claims due rows with FOR UPDATE SKIP LOCKED and cancels them with
// the version it read, in one transaction; one order failing (a savepoint) does not hold up the others.
import { type Database, type Kysely, sql } from "@pizza/db";
import type { Logger } from "pino";
import { type Message, messageKey, msg } from "../../i18n/message.ts";
import type { OrdersService } from "./orders.service.ts";

export interface UnpaidExpiryOptions {
  db: Kysely<Database>;
  orders: OrdersService;
  /** Invalidated after commit for stores whose counted stock came back. */
  invalidateStore?: ((storeId: string) => Promise<void>) | undefined;
  ttlMs: number;
  actionTtlMs: number;
  log?: Logger | undefined;
  /** How often to sweep (default 30 s). */
  intervalMs?: number | undefined;
  batch?: number | undefined;
}

const OPEN_ATTEMPT = ["requires_action", "started", "unknown"] as const;

const minutes = (ms: number) => {
  const m = Math.round(ms / 60_000);
  return m >= 1 ? `${m} minute${m === 1 ? "" : "s"}` : `${Math.round(ms / 1000)} seconds`;
};

const EXPIRY_KEYS = {
  unpaid: messageKey("order.expiredUnpaid"),
  challenge: messageKey("order.expiredChallenge"),
  in_flight: messageKey("order.expiredInFlight"),
} as const;

/**
 * What the customer reads on the tracker: a catalog message, stored as its English text (orders.cancel_reason)
 * with its key and arguments, so each reader is told in their language. Windows under a minute (tests) are
 * English text only.
 */
export function expiryReason(kind: "unpaid" | "challenge" | "in_flight", windowMs: number): Message | string {
  const m = Math.round(windowMs / 60_000);
  if (m >= 1) return msg(EXPIRY_KEYS[kind], { minutes: m });
  if (kind === "challenge")
    return `We cancelled this order because its card verification was not completed within ${minutes(windowMs)}. Nothing was charged.`;
  if (kind === "in_flight")
    return `We cancelled this order because its payment was not completed within ${minutes(windowMs)}. If your bank still charges your card, the full amount is refunded automatically.`;
  return `We cancelled this order because its payment was not completed within ${minutes(windowMs)}. Nothing was charged.`;
}

export class UnpaidExpiry {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly opts: UnpaidExpiryOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const every = this.opts.intervalMs ?? 30_000;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch((error) => this.opts.log?.warn({ err: error }, "unpaid order expiry failed"))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) {
            this.timer = setTimeout(loop, every);
            this.timer.unref();
          }
        });
    };
    this.timer = setTimeout(loop, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Sweeps until a batch comes back short (at most 20 batches per round), so a backlog clears in one round. */
  private async drain(): Promise<void> {
    const batch = this.opts.batch ?? 100;
    for (let i = 0; i < 20 && !this.stopped; i++) if ((await this.sweep()) < batch) return;
  }

  /** Cancels the unpaid orders due at `now` (one batch, oldest first); returns how many it cancelled. */
  async sweep(now: Date = new Date()): Promise<number> {
    const { ttlMs, actionTtlMs } = this.opts;
    const dueAt = new Date(now.getTime() - ttlMs);
    const hardCap = new Date(now.getTime() - ttlMs - actionTtlMs);
    const attemptFresh = new Date(now.getTime() - actionTtlMs);
    const stores = new Set<string>();
    const cancelled = await this.opts.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("orders")
        .select(["orders.id", "orders.version", "orders.store_id"])
        .select((eb) =>
          eb
            .selectFrom("payment_attempts")
            .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
            .select("payment_attempts.status")
            .whereRef("payments.order_id", "=", "orders.id")
            .orderBy("payment_attempts.attempt_no", "desc")
            .limit(1)
            .as("attempt"),
        )
        .where("orders.status", "=", "pending_payment")
        .where("orders.created_at", "<=", dueAt)
        .where((eb) =>
          eb.or([
            eb("orders.created_at", "<=", hardCap),
            eb.not(
              eb.exists(
                eb
                  .selectFrom("payment_attempts")
                  .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
                  .select(sql<number>`1`.as("one"))
                  .whereRef("payments.order_id", "=", "orders.id")
                  .where("payment_attempts.status", "in", OPEN_ATTEMPT)
                  .where("payment_attempts.created_at", ">", attemptFresh),
              ),
            ),
          ]),
        )
        .orderBy("orders.created_at")
        .limit(this.opts.batch ?? 100)
        .forUpdate("orders")
        .skipLocked()
        .execute();
      let n = 0;
      for (const o of due) {
        const kind =
          o.attempt === "requires_action"
            ? "challenge"
            : o.attempt === "started" || o.attempt === "unknown"
              ? "in_flight"
              : "unpaid";
        await sql`savepoint unpaid_expiry`.execute(trx);
        try {
          await this.opts.orders.transition(o.id, "cancelled", "system", {
            expectedVersion: o.version,
            note: expiryReason(kind, kind === "challenge" ? actionTtlMs : ttlMs),
            trx,
          });
          await sql`release savepoint unpaid_expiry`.execute(trx);
          stores.add(o.store_id);
          n++;
        } catch (error) {
          await sql`rollback to savepoint unpaid_expiry`.execute(trx);
          this.opts.log?.warn({ err: error, orderId: o.id }, "could not expire an unpaid order");
        }
      }
      return n;
    });
    // transition() invalidated the menu before our commit; again now that released stock is visible.
    for (const s of stores) await this.opts.invalidateStore?.(s);
    return cancelled;
  }
}
