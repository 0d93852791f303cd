// What every use case of the orders module is given: the database, the services it asks (menu, promos,
// stores), the clock, the read side and the hooks other modules registered. `OrdersService` builds it
// once and hands it to each use-case file.
import type { Database, Kysely } from "@pizza/db";
import type { MenuService } from "../menu/menu.service.ts";
import type { PromosService } from "../promos/promos.service.ts";
import type { StoresService } from "../stores/stores.service.ts";
import type { CancelHook, UpdateHook } from "./order-hooks.ts";
import type { OrderQueries } from "./order-queries.ts";

export interface OrdersContext {
  db: Kysely<Database>;
  menus: MenuService;
  promos: PromosService;
  stores: StoresService;
  now: () => Date;
  /** How many unpaid card orders one customer may hold at once (MAX_UNPAID_ORDERS; order-limits.ts). */
  maxUnpaidOrders: number;
  queries: OrderQueries;
  /** Registered by payments (refunds); see CancelHook. */
  onCancelled: CancelHook[];
  /** Registered by payments (adjust an authorized amount); see UpdateHook. */
  onUpdated: UpdateHook[];
}
