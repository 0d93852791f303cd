// `order.slots`: the next free times for a scheduled order at a store, within the booking horizon.
import { badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { HANDOFF_MS, KITCHEN_LEAD_MS } from "./kitchen-capacity.ts";
import type { OrdersContext } from "./order-context.ts";
import { freeSlots, MAX_SCHEDULE_AHEAD_MS } from "./order-timing.ts";

export async function listFreeSlots(
  ctx: Pick<OrdersContext, "db" | "stores" | "now">,
  input: { storeId: string; channel: "delivery" | "carryout"; from?: string | undefined; count: number },
): Promise<{ times: string[] }> {
  // A look-up beyond the horizon is refused, one from the past starts now.
  const now = ctx.now().getTime();
  const earliest = now + KITCHEN_LEAD_MS;
  const asked = input.from ? Date.parse(input.from) : earliest;
  if (asked > now + MAX_SCHEDULE_AHEAD_MS)
    throw badRequest(msg("order.slotsTooFarAhead", { days: 7 }), { field: "from" });
  const from = new Date(Math.max(asked, earliest));
  const travel = input.channel === "delivery" ? HANDOFF_MS + 15 * 60_000 : 0;
  return { times: await freeSlots(ctx, input.storeId, from, travel, input.count) };
}
