// Wires the admin's menu use cases (issue 22) for `ctx.services.menuAdmin`: each change commits with its
// history row, then bumps the menu generation of every store it touches (a price or availability: the
// region's stores; an item, topping, crust or sauce: every store), so every node builds the customers'
// menu afresh on its next read. The clock is a parameter so tests can move it.
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import { isForeignKeyViolation } from "../../infra/db-errors.ts";
import type {
  TSetCrustSizes,
  TSetDefaultToppings,
  TSetOptionGroupRules,
} from "./builder-rules-admin.schemas.ts";
import { cancelScheduledPrice } from "./cancel-scheduled-price.ts";
import type { MenuService } from "./menu.service.ts";
import type {
  TCancelScheduledPrice,
  TMenuChange,
  TSaveIngredient,
  TSaveItem,
  TSetMenuPrice,
  TSetRegionAvailability,
} from "./menu-admin.schemas.ts";
import { menuCatalogue } from "./menu-catalogue.ts";
import { assertMenuEntityExists } from "./menu-entities.ts";
import { type MenuChange, menuHistory } from "./menu-history.ts";
import { setRegionAvailability } from "./region-availability.ts";
import {
  readBuilderRules,
  setCrustSizes,
  setDefaultToppings,
  setOptionGroupRules,
} from "./save-builder-rules.ts";
import { saveIngredient } from "./save-ingredient.ts";
import { createMenuItem, updateMenuItem } from "./save-menu-item.ts";
import { CHEESE_LEVELS, setMenuPrice } from "./set-menu-price.ts";

export class MenuAdmin {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly menus: Pick<MenuService, "invalidateRegion">,
    private readonly now: () => Date = () => new Date(),
  ) {}

  catalogue(regionCode: string) {
    return menuCatalogue(this.db, regionCode, this.now());
  }

  async createItem(by: string, input: TSaveItem) {
    const saved = await createMenuItem(this.db, by, input);
    await this.menus.invalidateRegion();
    return saved;
  }

  async updateItem(by: string, input: TSaveItem) {
    const saved = await updateMenuItem(this.db, by, input);
    await this.menus.invalidateRegion();
    return saved;
  }

  async saveIngredient(by: string, input: TSaveIngredient, mode: "create" | "update") {
    const saved = await saveIngredient(this.db, by, input, mode);
    await this.menus.invalidateRegion();
    return saved;
  }

  async setPrice(by: string, input: TSetMenuPrice) {
    const set = await setMenuPrice(this.db, by, input, this.now());
    await this.menus.invalidateRegion(input.regionCode);
    return set;
  }

  /** A scheduled price withdrawn before its moment; the bump drops menus that recorded that moment. */
  async cancelScheduledPrice(by: string, input: TCancelScheduledPrice) {
    const cancelled = await cancelScheduledPrice(this.db, by, input, this.now());
    await this.menus.invalidateRegion(cancelled.regionCode);
    return cancelled;
  }

  async setAvailability(by: string, input: TSetRegionAvailability) {
    const result = await setRegionAvailability(this.db, by, input).catch((error: unknown) => {
      if (isForeignKeyViolation(error, "region"))
        throw badRequest(`There is no region "${input.regionCode}".`, { field: "regionCode" });
      throw error;
    });
    if (result.changed) await this.menus.invalidateRegion(input.regionCode);
    return result;
  }

  builderRules() {
    return readBuilderRules(this.db);
  }

  /** A pizza's default toppings, a crust's sizes, an option group's rules: every store's menu after. */
  async setDefaultToppings(by: string, input: TSetDefaultToppings) {
    const result = await setDefaultToppings(this.db, by, input);
    if (result.changed) await this.menus.invalidateRegion();
    return result;
  }

  async setCrustSizes(by: string, input: TSetCrustSizes) {
    const result = await setCrustSizes(this.db, by, input);
    if (result.changed) await this.menus.invalidateRegion();
    return result;
  }

  async setOptionGroupRules(by: string, input: TSetOptionGroupRules) {
    const result = await setOptionGroupRules(this.db, by, input);
    if (result.changed) await this.menus.invalidateRegion();
    return result;
  }

  async history(entity: MenuChange["entity"], entityId: string): Promise<TMenuChange[]> {
    if (entity === "cheese") {
      if (!CHEESE_LEVELS.includes(entityId))
        throw notFound("There is no such cheese level: it is none, light, normal or extra.");
    } else
      await assertMenuEntityExists(this.db, entity, entityId).catch((e: Error) => {
        throw notFound(e.message);
      });
    return menuHistory(this.db, entity, entityId);
  }
}
