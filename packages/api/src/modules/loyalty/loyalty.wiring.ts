// The loyalty module on a node: its consumer on the event stream (earn, reverse), the caller's reads,
// managers' goodwill points and the admins' reward catalogue.
import type { Database, Kysely } from "@pizza/db";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { goodwillOrder, mayGrantGoodwill } from "./goodwill-lookup.ts";
import { grantGoodwill } from "./grant-goodwill.ts";
import type {
  TGoodwillOrder,
  TGrantGoodwill,
  TLoyaltyBalance,
  TLoyaltyEntry,
  TLoyaltyRewards,
} from "./loyalty.schemas.ts";
import { loyaltyConsumer } from "./loyalty-consumer.ts";
import { myBalance, myHistory } from "./my-points.ts";
import type { TCatalogueReward, TCreateReward, TUpdateReward } from "./reward-catalogue.schemas.ts";
import { createReward, regionCatalogue, updateReward } from "./reward-catalogue.ts";
import { rewardsFor } from "./rewards.ts";

export interface LoyaltyService {
  balance(user: AuthUser): Promise<TLoyaltyBalance>;
  history(user: AuthUser, limit?: number): Promise<TLoyaltyEntry[]>;
  rewards(user: AuthUser, regionCode: string, locale?: string): Promise<TLoyaltyRewards>;
  mayGrantGoodwill(actor: AuthUser): Promise<boolean>;
  goodwillOrder(actor: AuthUser, storeId: string, orderNumber: number): Promise<TGoodwillOrder>;
  grantGoodwill(
    actor: AuthUser,
    storeId: string,
    input: TGrantGoodwill,
  ): Promise<{ granted: boolean; points: number }>;
  catalogue(regionCode: string): Promise<TCatalogueReward[]>;
  createReward(input: TCreateReward): Promise<TCatalogueReward>;
  updateReward(input: TUpdateReward): Promise<TCatalogueReward>;
}

export function createLoyalty(deps: {
  db: Kysely<Database>;
  events: EventsRuntime;
  now?: () => Date;
}): LoyaltyService {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  deps.events.register(loyaltyConsumer());
  return {
    balance: (user) => myBalance(db, user, now()),
    history: (user, limit) => myHistory(db, user, limit),
    rewards: (user, regionCode, locale) => rewardsFor(db, user.id, regionCode, now(), locale),
    mayGrantGoodwill: (actor) => mayGrantGoodwill(db, actor),
    goodwillOrder: (actor, storeId, orderNumber) => goodwillOrder(db, actor, storeId, orderNumber, now()),
    grantGoodwill: (actor, storeId, input) => grantGoodwill(db, actor, storeId, input, now()),
    catalogue: (regionCode) => regionCatalogue(db, regionCode),
    createReward: (input) => createReward(db, input),
    updateReward: (input) => updateReward(db, input),
  };
}
