// The tracking link of one's own order (the tracker shows it to share, or to open on another device).
import type { AuthUser } from "../auth/tokens.ts";
import type { OrdersContext } from "./order-context.ts";
import { ensureTrackToken, trackLinkExpiry } from "./track-links.ts";

export async function ownTrackLink(
  ctx: OrdersContext,
  user: AuthUser,
  orderId: string,
): Promise<{ token: string; expiresAt: string | null }> {
  const o = await ctx.queries.row(orderId);
  await ctx.queries.assertCanSee(user, o);
  const token = await ensureTrackToken(ctx.db, { id: o.id, regionCode: o.region_code });
  return { token, expiresAt: trackLinkExpiry(o)?.toISOString() ?? null };
}
