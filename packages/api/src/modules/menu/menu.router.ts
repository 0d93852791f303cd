import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../trpc.ts";
import { menuView } from "./menu.response.ts";
import { ZGetMenuRequest } from "./menu.schemas.ts";
import { menuLocale } from "./menu.service.ts";

export const menuRouter = {
  /**
   * A store's live menu in the caller's locale, chosen by id or found from a delivery location (the
   * nearest open store whose zone contains it; outside every zone: "we don't deliver there yet").
   * By id it is served from the cache without touching the database (over HTTP, `menuFastPath` in
   * menu.response.ts answers that case before tRPC, with the same bytes).
   */
  getMenu: publicProcedure.input(ZGetMenuRequest).query(async ({ ctx, input }) => {
    const storeId =
      input.storeId ?? (await ctx.services.stores.findForDelivery(input.location!, { allowClosed: true })).id;
    const menu = await ctx.services.menu.menu(storeId, menuLocale(input.locale));
    return menuView(menu, new Date());
  }),
} satisfies TRPCRouterRecord;
