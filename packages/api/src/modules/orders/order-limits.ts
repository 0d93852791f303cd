// Nobody holds a kitchen hostage: how many unpaid card orders one customer may hold at once, and how
// often anyone may call placeOrder (per customer and per client IP). Expiry of the unpaid ones is
// unpaid-expiry.ts.
import { type Database, sql, type Transaction } from "@pizza/db";
import { conflict } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";

/** One fixed window for both placeOrder limits. */
export const PLACE_ORDER_WINDOW_MS = 60_000;

/**
 * Inside place()'s transaction, before its first write, for card orders only: refuses a new unpaid
 * order when the customer already holds `max` of them. A transaction-scoped advisory lock on the
 * customer serializes that customer's concurrent card orders (only theirs; it is released at commit),
 * and the count is a separate statement so its snapshot is taken after the lock is held and sees the
 * orders the previous holder committed. It is the first lock place() takes, so it cannot join a
 * deadlock cycle with the row locks that follow. A retry of an order already placed with the same
 * idempotency key is not counted against itself (the insert then answers it as a replay).
 */
export async function assertUnpaidRoom(
  trx: Transaction<Database>,
  customerId: string,
  idempotencyKey: string,
  max: number,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('unpaid-orders'), hashtext(${customerId}))`.execute(trx);
  const held = await trx
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("customer_id", "=", customerId)
    .where("status", "=", "pending_payment")
    .where("idempotency_key", "<>", idempotencyKey)
    .executeTakeFirstOrThrow();
  if (Number(held.n) >= max) {
    throw conflict(msg("order.tooManyUnpaid", { max }), { reason: "too_many_unpaid_orders", max });
  }
}

/**
 * Counts one placeOrder against the caller and the caller's IP (fixed one-minute windows shared by
 * every node through Redis). Over either limit → TOO_MANY_REQUESTS with `retryAfterSeconds`, which
 * the HTTP layer turns into a `Retry-After` header.
 */
export async function limitPlaceOrder(
  limiter: RateLimiter,
  who: { customerId: string; ip: string },
  limits: { perCustomer: number; perIp: number },
): Promise<void> {
  const [customer, ip] = await Promise.all([
    limiter.hit(`place:customer:${who.customerId}`, limits.perCustomer, PLACE_ORDER_WINDOW_MS),
    limiter.hit(`place:ip:${who.ip}`, limits.perIp, PLACE_ORDER_WINDOW_MS),
  ]);
  if (customer.allowed && ip.allowed) return;
  const retryAfterMs = Math.max(
    customer.allowed ? 0 : customer.retryAfterMs,
    ip.allowed ? 0 : ip.retryAfterMs,
  );
  throw tooManyRequests(
    customer.allowed ? "Too many orders from your network right now." : "You're placing orders too quickly.",
    retryAfterMs,
    { reason: customer.allowed ? "rate_limited_ip" : "rate_limited_customer" },
  );
}

/** Quotes a stranger may ask for per minute from one IP: a builder re-prices as the choices change. */
export const GUEST_QUOTES_PER_IP = 300;

/** Counts one guest quote against the caller's IP; over the limit → TOO_MANY_REQUESTS with Retry-After. */
export async function limitGuestQuote(limiter: RateLimiter, ip: string): Promise<void> {
  const hit = await limiter.hit(`quote:ip:${ip}`, GUEST_QUOTES_PER_IP, PLACE_ORDER_WINDOW_MS);
  if (!hit.allowed) throw tooManyRequests("Too many price checks from your network.", hit.retryAfterMs);
}

/** Tracking-link reads per IP per minute: a tracker re-reads every 20 s, a family shares one network. */
export const TRACK_LINK_READS_PER_IP = 240;

/** Counts one tracking-link read against the caller's IP. */
export async function limitTrackLinkRead(limiter: RateLimiter, ip: string): Promise<void> {
  const hit = await limiter.hit(`track-link:ip:${ip}`, TRACK_LINK_READS_PER_IP, PLACE_ORDER_WINDOW_MS);
  if (!hit.allowed) throw tooManyRequests("Too many tracker requests from your network.", hit.retryAfterMs);
}

/** "Find my order" tries: per IP and per order number, in one window (guessing a contact stays slow). */
export const FIND_ORDER_LIMITS = { perIp: 20, perOrderNumber: 6, windowMs: 15 * 60_000 };

/** Counts one "Find my order" try against the caller's IP and the order number asked about. */
export async function limitFindOrder(limiter: RateLimiter, ip: string, orderNumber: number): Promise<void> {
  const { perIp, perOrderNumber, windowMs } = FIND_ORDER_LIMITS;
  const [byIp, byOrder] = await Promise.all([
    limiter.hit(`find-order:ip:${ip}`, perIp, windowMs),
    limiter.hit(`find-order:number:${orderNumber}`, perOrderNumber, windowMs),
  ]);
  if (byIp.allowed && byOrder.allowed) return;
  const retryAfterMs = Math.max(
    byIp.allowed ? 0 : byIp.retryAfterMs,
    byOrder.allowed ? 0 : byOrder.retryAfterMs,
  );
  throw tooManyRequests("Too many tries to find an order.", retryAfterMs, {
    reason: "rate_limited_find_order",
  });
}
