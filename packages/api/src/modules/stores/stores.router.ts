// store.*: stores, their controls, hours, stock and prices, and the console's today numbers. Store-scoped
// procedures use `storeStaffProcedure` (the caller's own store, or for an admin the one named).
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, publicProcedure, staffProcedure, storeStaffProcedure } from "../../trpc.ts";
import { ZLocation } from "../menu/menu.schemas.ts";
import {
  ZRegionPriceRuleRequest,
  ZSetAcceptingOrdersRequest,
  ZSetAvailabilityRequest,
  ZSetDeliveryPausedRequest,
  ZSetKitchenCapacityRequest,
  ZSetRegionPriceRequest,
  ZSetRegionPriceRuleRequest,
  ZSetStorePriceRequest,
  ZSetTicketPrinterRequest,
  ZSetTodayHoursRequest,
  ZStoreGetRequest,
  ZStoreListRequest,
} from "./stores.schemas.ts";
import { todayStats } from "./today-stats.ts";

export const storeRouter = {
  list: publicProcedure
    .input(ZStoreListRequest)
    .query(({ ctx, input }) => ctx.services.stores.list(input.regionCode)),
  get: publicProcedure
    .input(ZStoreGetRequest)
    .query(({ ctx, input }) => ctx.services.stores.get(input.storeId)),
  /** The store that delivers to a location, or "we don't deliver there yet" with carryout stores. */
  findForDelivery: publicProcedure
    .input(ZLocation)
    .query(({ ctx, input }) => ctx.services.stores.findForDelivery(input)),
  setAcceptingOrders: storeStaffProcedure
    .input(ZSetAcceptingOrdersRequest)
    .mutation(({ ctx, input }) =>
      ctx.services.stores.setAcceptingOrders(ctx.user, ctx.storeId, input.accepting),
    ),
  setDeliveryPaused: storeStaffProcedure
    .input(ZSetDeliveryPausedRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setDeliveryPaused(ctx.user, ctx.storeId, input.paused)),
  setKitchenCapacity: storeStaffProcedure
    .input(ZSetKitchenCapacityRequest)
    .mutation(({ ctx, input }) =>
      ctx.services.stores.setKitchenCapacity(ctx.user, ctx.storeId, input.capacity),
    ),
  /** Today's hours in the store's time zone: special hours, closed all day, or back to the weekly hours. */
  setTodayHours: storeStaffProcedure
    .input(ZSetTodayHoursRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setTodayHours(ctx.user, ctx.storeId, input)),
  /** Mark an item, topping, crust, sauce or option out of stock (or back), optionally with a count. */
  setAvailability: storeStaffProcedure
    .input(ZSetAvailabilityRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setAvailability(ctx.user, ctx.storeId, input)),
  /** Staff: today's numbers of their store (admins: any store) since its local midnight. */
  todayStats: storeStaffProcedure.query(({ ctx }) => todayStats(ctx.platform.db, ctx.storeId)),
  /** The store's prices beside the region's, with the range a manager may set (staff of the store, admins). */
  storePrices: storeStaffProcedure.query(({ ctx }) => ctx.services.stores.storePrices(ctx.user, ctx.storeId)),
  /** A store manager's own price (within the region's list price ± its percentage); null = the region's price. */
  setStorePrice: storeStaffProcedure
    .input(ZSetStorePriceRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setStorePrice(ctx.user, ctx.storeId, input)),
  /** A region's price (admin: prices belong to the region, not one store). */
  setPrice: adminProcedure
    .input(ZSetRegionPriceRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setPrice(ctx.user, input)),
  /**
   * Admins, and the region's region manager: a region's managers' price-change percentage and every
   * store's deviations from its list prices (another region answers NOT_FOUND, store staff FORBIDDEN).
   */
  regionPriceRule: staffProcedure
    .input(ZRegionPriceRuleRequest)
    .query(({ ctx, input }) => ctx.services.stores.regionPriceRule(ctx.user, input.regionCode)),
  /** Admins and the region's manager: set the percentage (0–50); prices now outside it are kept and flagged. */
  setRegionPriceRule: staffProcedure
    .input(ZSetRegionPriceRuleRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setRegionPriceRule(ctx.user, input)),
  /** Staff of the store: its network ticket printer (ESC/POS over TCP), and whether they may change it. */
  ticketPrinter: storeStaffProcedure.query(({ ctx }) =>
    ctx.services.stores.ticketPrinter(ctx.user, ctx.storeId),
  ),
  /** The store's manager or an admin: set (or with null remove) the network ticket printer. */
  setTicketPrinter: storeStaffProcedure
    .input(ZSetTicketPrinterRequest)
    .mutation(({ ctx, input }) => ctx.services.stores.setTicketPrinter(ctx.user, ctx.storeId, input.printer)),
} satisfies TRPCRouterRecord;
