// Guest checkout: a new customer account every time, flagged as guest, with no password and no sign-in
// identity (its email/phone columns stay empty; the receipt contact is kept apart). So a guest who types
// the email of an existing account gets an account of their own and never that one's orders, addresses
// or tokens. Counted per IP, as it creates accounts without a password.
import type { Database, Kysely, User } from "@pizza/db";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import type { TGuestRequest } from "./auth.schemas.ts";
import { normalizePhone } from "./phone.ts";

export const GUEST_LIMITS = { perIp: 20, windowMs: 60 * 60 * 1000 };

/** Creates the guest's account (after the per-IP limit) and returns the `columns` asked for. */
export async function createGuestAccount<C extends keyof User & string>(
  deps: { db: Kysely<Database>; rateLimiter: RateLimiter },
  input: TGuestRequest,
  ip: string,
  columns: readonly C[],
) {
  const decision = await deps.rateLimiter.hit(`guest:ip:${ip}`, GUEST_LIMITS.perIp, GUEST_LIMITS.windowMs);
  if (!decision.allowed)
    throw tooManyRequests(
      "Too many guest checkouts from this network (you can also create an account).",
      decision.retryAfterMs,
    );
  const phone = input.phone === undefined ? null : normalizePhone(input.phone, input.country);
  return deps.db
    .insertInto("users")
    .values({
      email: null,
      phone: null,
      contact_email: input.email ?? null,
      contact_phone: phone,
      is_guest: true,
      name: input.name,
      // Not a hash of anything: no password ever verifies against it.
      password_hash: "!guest",
      role: "customer",
      locale: input.locale ?? null,
      updated_at: new Date(),
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}
