// Takes back an order's points when it is cancelled (all of them) or refunded (the refunded share of
// what was paid, rounded up). Each event's entry is keyed by the event, and the amount is what is still
// to take back, so replays and a cancel after a refund never take more than was credited (nor what has
// expired: the sweep's `expire` entry for the order's credit already took it).
import type { Database, Transaction } from "@pizza/db";
import { appendEntry, lockPoints, orderEntries } from "./ledger.ts";

export async function reversePoints(
  trx: Transaction<Database>,
  ref: { orderId: string; eventKey: string; share: number; reason: string },
): Promise<number> {
  const first = await orderEntries(trx, ref.orderId);
  const earner = first.find((e) => e.kind === "earn");
  if (!earner) return 0;
  await lockPoints(trx, earner.userId);
  const entries = await orderEntries(trx, ref.orderId);
  const earned = entries.filter((e) => e.kind === "earn").reduce((s, e) => s + e.delta, 0);
  // Points of the credit the expiry sweep wrote off are gone already: taking them back again would take twice.
  const taken = -entries
    .filter((e) => e.kind === "reverse" || e.kind === "expire")
    .reduce((s, e) => s + e.delta, 0);
  const target = Math.min(earned, Math.ceil(earned * Math.min(1, Math.max(0, ref.share))));
  const points = target - taken;
  if (points <= 0) return 0;
  const written = await appendEntry(trx, {
    userId: earner.userId,
    delta: -points,
    kind: "reverse",
    eventKey: `reverse:${ref.eventKey}`,
    orderId: ref.orderId,
    regionCode: earner.regionCode,
    reason: ref.reason,
  });
  return written ? points : 0;
}
