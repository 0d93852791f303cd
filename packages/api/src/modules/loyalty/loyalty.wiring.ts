// The loyalty module on a node: its consumer on the event stream (earn, reverse), the caller's reads and
// managers' goodwill points.
import type { Database, Kysely } from "@pizza/db";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { grantGoodwill } from "./grant-goodwill.ts";
import type { TGrantGoodwill, TLoyaltyBalance, TLoyaltyEntry, TLoyaltyRewards } from "./loyalty.schemas.ts";
import { loyaltyConsumer } from "./loyalty-consumer.ts";
import { myBalance, myHistory } from "./my-points.ts";
import { rewardsFor } from "./rewards.ts";

export interface LoyaltyService {
  balance(user: AuthUser): Promise<TLoyaltyBalance>;
  history(user: AuthUser, limit?: number): Promise<TLoyaltyEntry[]>;
  rewards(user: AuthUser, regionCode: string): Promise<TLoyaltyRewards>;
  grantGoodwill(
    actor: AuthUser,
    storeId: string,
    input: TGrantGoodwill,
  ): Promise<{ granted: boolean; points: number }>;
}

export function createLoyalty(deps: {
  db: Kysely<Database>;
  events: EventsRuntime;
  now?: () => Date;
}): LoyaltyService {
  const now = deps.now ?? (() => new Date());
  deps.events.register(loyaltyConsumer());
  return {
    balance: (user) => myBalance(deps.db, user, now()),
    history: (user, limit) => myHistory(deps.db, user, limit),
    rewards: (user, regionCode) => rewardsFor(deps.db, user.id, regionCode, now()),
    grantGoodwill: (actor, storeId, input) => grantGoodwill(deps.db, actor, storeId, input, now()),
  };
}
