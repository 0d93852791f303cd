// Head office's menu management (issue 22), admins only: the region's catalogue, items, toppings,
// crusts and sauces with their en/de/ja names, region prices now or from a moment (and a scheduled one
// withdrawn before its moment), availability per region, builder rules (a pizza's default toppings, a
// crust's sizes, an option group's min/max), and an entity's history. Thin: input schema → ctx.services.menuAdmin.
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure } from "../../trpc.ts";
import {
  ZBuilderRules,
  ZSetCrustSizes,
  ZSetDefaultToppings,
  ZSetOptionGroupRules,
} from "./builder-rules-admin.schemas.ts";
import {
  ZCancelScheduledPrice,
  ZCatalogueInput,
  ZMenuCatalogue,
  ZMenuChange,
  ZMenuHistoryInput,
  ZSaveIngredient,
  ZSaveItem,
  ZSetMenuPrice,
  ZSetRegionAvailability,
} from "./menu-admin.schemas.ts";

export const menuAdminRouter = {
  catalogue: adminProcedure
    .input(ZCatalogueInput)
    .output(ZMenuCatalogue)
    .query(({ ctx, input }) => ctx.services.menuAdmin.catalogue(input.regionCode)),
  createItem: adminProcedure
    .input(ZSaveItem)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.createItem(ctx.user.id, input)),
  updateItem: adminProcedure
    .input(ZSaveItem)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.updateItem(ctx.user.id, input)),
  createIngredient: adminProcedure
    .input(ZSaveIngredient)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.saveIngredient(ctx.user.id, input, "create")),
  updateIngredient: adminProcedure
    .input(ZSaveIngredient)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.saveIngredient(ctx.user.id, input, "update")),
  setPrice: adminProcedure
    .input(ZSetMenuPrice)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.setPrice(ctx.user.id, input)),
  cancelScheduledPrice: adminProcedure
    .input(ZCancelScheduledPrice)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.cancelScheduledPrice(ctx.user.id, input)),
  setAvailability: adminProcedure
    .input(ZSetRegionAvailability)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.setAvailability(ctx.user.id, input)),
  builderRules: adminProcedure
    .output(ZBuilderRules)
    .query(({ ctx }) => ctx.services.menuAdmin.builderRules()),
  setDefaultToppings: adminProcedure
    .input(ZSetDefaultToppings)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.setDefaultToppings(ctx.user.id, input)),
  setCrustSizes: adminProcedure
    .input(ZSetCrustSizes)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.setCrustSizes(ctx.user.id, input)),
  setOptionGroupRules: adminProcedure
    .input(ZSetOptionGroupRules)
    .mutation(({ ctx, input }) => ctx.services.menuAdmin.setOptionGroupRules(ctx.user.id, input)),
  history: adminProcedure
    .input(ZMenuHistoryInput)
    .output(ZMenuChange.array())
    .query(({ ctx, input }) => ctx.services.menuAdmin.history(input.entity, input.entityId)),
} satisfies TRPCRouterRecord;
