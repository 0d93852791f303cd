import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure, publicProcedure, storeStaffProcedure } from "../../trpc.ts";
import { ZLocation } from "../menu/menu.schemas.ts";
import { todayStats } from "./today-stats.ts";

const storeId = z.uuid("Store id must be a UUID.");
const entityId = z
  .string()
  .trim()
  .min(1, "Choose what to change.")
  .max(80)
  .regex(/^[\w:-]+$/, "Unexpected characters.");

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times are HH:MM on a 24-hour clock, e.g. 09:30.");

export const storeRouter = {
  list: publicProcedure
    .input(
      z
        .object({
          regionCode: z
            .string()
            .regex(/^[a-z]{2,8}$/)
            .optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => ctx.services.stores.list(input.regionCode)),
  get: publicProcedure
    .input(z.object({ storeId }))
    .query(({ ctx, input }) => ctx.services.stores.get(input.storeId)),
  /** The store that delivers to a location, or "we don't deliver there yet" with carryout stores. */
  findForDelivery: publicProcedure
    .input(ZLocation)
    .query(({ ctx, input }) => ctx.services.stores.findForDelivery(input)),
  setAcceptingOrders: storeStaffProcedure
    .input(z.object({ accepting: z.boolean() }))
    .mutation(({ ctx, input }) =>
      ctx.services.stores.setAcceptingOrders(ctx.user, ctx.storeId, input.accepting),
    ),
  setDeliveryPaused: storeStaffProcedure
    .input(z.object({ paused: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.services.stores.setDeliveryPaused(ctx.user, ctx.storeId, input.paused)),
  setKitchenCapacity: storeStaffProcedure
    .input(z.object({ capacity: z.number().int().min(1, "At least one order per slot.").max(10_000) }))
    .mutation(({ ctx, input }) =>
      ctx.services.stores.setKitchenCapacity(ctx.user, ctx.storeId, input.capacity),
    ),
  /** Today's hours in the store's time zone: special hours, closed all day, or back to the weekly hours. */
  setTodayHours: storeStaffProcedure
    .input(
      z.discriminatedUnion("mode", [
        z
          .object({
            mode: z.literal("hours"),
            opens: clockTime,
            closes: clockTime.or(z.literal("24:00")),
          })
          .refine((v) => v.closes > v.opens, {
            message: "The closing time must be after the opening time.",
            path: ["closes"],
          }),
        z.object({ mode: z.literal("closed") }),
        z.object({ mode: z.literal("weekly") }),
      ]),
    )
    .mutation(({ ctx, input }) => ctx.services.stores.setTodayHours(ctx.user, ctx.storeId, input)),
  /** Mark an item, topping, crust, sauce or option out of stock (or back), optionally with a count. */
  setAvailability: storeStaffProcedure
    .input(
      z.object({
        entity: z.enum(["item", "topping", "crust", "sauce", "option"]),
        entityId,
        available: z.boolean(),
        stock: z.number().int().min(0, "Stock cannot be negative.").max(1_000_000).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.stores.setAvailability(ctx.user, ctx.storeId, input)),
  /** Staff: today's numbers of their store (admins: any store) since its local midnight. */
  todayStats: storeStaffProcedure.query(({ ctx }) => todayStats(ctx.platform.db, ctx.storeId)),
  /** The store's prices beside the region's, with the range a manager may set (staff of the store, admins). */
  storePrices: storeStaffProcedure.query(({ ctx }) => ctx.services.stores.storePrices(ctx.user, ctx.storeId)),
  /** A store manager's own price (within the region's list price ± its percentage); null = the region's price. */
  setStorePrice: storeStaffProcedure
    .input(
      z.object({
        entity: z.enum(["item", "topping", "crust", "cheese", "option"]),
        entityId,
        variant: z
          .string()
          .max(40)
          .regex(/^[\w-]*$/)
          .default(""),
        amount: z
          .number()
          .int("Prices are whole minor units.")
          .min(0, "A price cannot be negative.")
          .max(10_000_000)
          .nullable(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.stores.setStorePrice(ctx.user, ctx.storeId, input)),
  /** A region's price (admin: prices belong to the region, not one store). */
  setPrice: adminProcedure
    .input(
      z.object({
        regionCode: z.string().regex(/^[a-z]{2,8}$/, "Region code looks like us."),
        entity: z.enum(["item", "topping", "crust", "cheese", "option"]),
        entityId,
        variant: z
          .string()
          .max(40)
          .regex(/^[\w-]*$/)
          .default(""),
        amount: z.number().int("Prices are whole minor units.").min(0).max(10_000_000),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.stores.setPrice(ctx.user, input)),
} satisfies TRPCRouterRecord;
