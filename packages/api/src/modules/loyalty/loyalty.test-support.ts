// What the loyalty tests share: a new customer holding a given number of points (one goodwill credit,
// valid for a day).
import { aCustomer } from "../../testing/builders.ts";
import type { TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { appendEntry } from "./ledger.ts";

export async function aCustomerWithPoints(t: TestPlatform, points: number): Promise<AuthUser> {
  const me = await aCustomer(t);
  await appendEntry(t.platform.db, {
    userId: me.id,
    delta: points,
    kind: "goodwill",
    eventKey: `goodwill:${me.id}`,
    reason: "test credit",
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return me;
}
