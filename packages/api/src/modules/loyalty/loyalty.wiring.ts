// The loyalty module on a node: its consumer on the event stream (earn, reverse) and the caller's reads.
import type { Database, Kysely } from "@pizza/db";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TLoyaltyBalance, TLoyaltyEntry } from "./loyalty.schemas.ts";
import { loyaltyConsumer } from "./loyalty-consumer.ts";
import { myBalance, myHistory } from "./my-points.ts";

export interface LoyaltyService {
  balance(user: AuthUser): Promise<TLoyaltyBalance>;
  history(user: AuthUser, limit?: number): Promise<TLoyaltyEntry[]>;
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
  };
}
