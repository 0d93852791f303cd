// What the stores use cases share: the database, the menu cache to invalidate after a change commits,
// and the clock.
import type { Database, Kysely } from "@pizza/db";
import type { MenuService } from "../menu/menu.service.ts";

export interface StoreDeps {
  db: Kysely<Database>;
  menu: Pick<MenuService, "invalidateStore" | "invalidateRegion">;
  now: () => Date;
}
