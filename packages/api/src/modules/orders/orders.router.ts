import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { inCallerLanguage } from "../../i18n/localize-output.ts";
import {
  customerProcedure,
  protectedProcedure,
  publicProcedure,
  staffProcedure,
  storeStaffProcedure,
} from "../../trpc.ts";
import { limitFindOrder, limitGuestQuote, limitPlaceOrder, limitTrackLinkRead } from "./order-limits.ts";
import {
  ZLinkedOrder,
  ZOrderHistory,
  ZOrderView,
  ZPlacedOrder,
  ZQuote,
  ZReorder,
  ZTracking,
  ZTrackLink,
  ZTransitionResult,
  ZUpdatedOrder,
} from "./order-views.schemas.ts";
import {
  ZAdvanceOrderRequest,
  ZCancelOrderRequest,
  ZFindOrderRequest,
  ZHistoryRequest,
  ZOrderId,
  ZPlaceOrderRequest,
  ZQuoteRequest,
  ZReorderRequest,
  ZSlotsRequest,
  ZStoreOrdersRequest,
  ZTrackToken,
  ZUndoAdvanceRequest,
  ZUpdateOrderRequest,
} from "./orders.schemas.ts";
import { ZDeliveryDetails } from "./ticket-content.ts";
import {
  ZClaimTicketPrintResult,
  ZReprintResult,
  ZTicketPrint,
  ZTicketPrintRequest,
  ZTicketPrintsRequest,
} from "./ticket-prints.ts";

export const orderRouter = {
  /** Prices a cart without placing it; open to guests (limited per IP), so prices show before sign-in. */
  quote: publicProcedure
    .input(ZQuoteRequest)
    .output(ZQuote)
    .query(async ({ ctx, input }) => {
      if (!ctx.user) await limitGuestQuote(ctx.platform.rateLimiter, ctx.ip);
      return inCallerLanguage(ctx, await ctx.services.orders.quote(ctx.user, input));
    }),
  placeOrder: customerProcedure
    .input(ZPlaceOrderRequest)
    .output(ZPlacedOrder)
    .mutation(async ({ ctx, input }) => {
      await limitPlaceOrder(
        ctx.platform.rateLimiter,
        { customerId: ctx.user.id, ip: ctx.ip },
        ctx.platform.config.placeOrderLimits,
      );
      return ctx.services.orders.place(ctx.user, input);
    }),
  updateOrder: protectedProcedure
    .input(ZUpdateOrderRequest)
    .output(ZUpdatedOrder)
    .mutation(async ({ ctx, input }) =>
      inCallerLanguage(ctx, await ctx.services.orders.update(ctx.user, input)),
    ),
  cancelOrder: protectedProcedure
    .input(ZCancelOrderRequest)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => ctx.services.orders.cancel(ctx.user, input)),
  getOrder: protectedProcedure
    .input(z.object({ orderId: ZOrderId }))
    .output(ZOrderView)
    .query(async ({ ctx, input }) =>
      inCallerLanguage(ctx, await ctx.services.orders.get(ctx.user, input.orderId)),
    ),
  trackOrder: protectedProcedure
    .input(z.object({ orderId: ZOrderId }))
    .output(ZTracking)
    .query(async ({ ctx, input }) =>
      inCallerLanguage(ctx, await ctx.services.orders.track(ctx.user, input.orderId)),
    ),
  /** The tracking link of one's own order, to share or open on another device. */
  trackLink: protectedProcedure
    .input(z.object({ orderId: ZOrderId }))
    .output(ZTrackLink)
    .query(({ ctx, input }) => ctx.services.orders.trackLink(ctx.user, input.orderId)),
  /** A tracking link opened, by anyone holding it (read-only; limited per IP). */
  linkedOrder: publicProcedure
    .input(z.object({ token: ZTrackToken }))
    .output(ZLinkedOrder)
    .query(async ({ ctx, input }) => {
      await limitTrackLinkRead(ctx.platform.rateLimiter, ctx.ip);
      return inCallerLanguage(ctx, await ctx.services.orders.openTrackLink(input.token));
    }),
  /** "Find my order": order number plus the email or phone given with it → the tracking link's token. */
  findOrder: publicProcedure
    .input(ZFindOrderRequest)
    .output(z.object({ token: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await limitFindOrder(ctx.platform.rateLimiter, ctx.ip, input.orderNumber);
      return ctx.services.orders.findOrder(input);
    }),
  history: customerProcedure
    .input(ZHistoryRequest)
    .output(ZOrderHistory)
    .query(async ({ ctx, input }) =>
      inCallerLanguage(ctx, await ctx.services.orders.history(ctx.user, input)),
    ),
  reorder: customerProcedure
    .input(ZReorderRequest)
    .output(ZReorder)
    .mutation(({ ctx, input }) => ctx.services.orders.reorder(ctx.user, input)),
  /** Free times for a scheduled order. */
  slots: publicProcedure.input(ZSlotsRequest).query(({ ctx, input }) => ctx.services.orders.slots(input)),
  /** Staff: bump an order to the next kitchen stage (or hand a carryout order over). */
  advance: staffProcedure
    .input(ZAdvanceOrderRequest)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => ctx.services.orders.advance(ctx.user, input)),
  /** A manager of the store: let the handover go ahead without the customer's code (after 5 wrong ones). */
  confirmHandover: staffProcedure
    .input(z.object({ orderId: ZOrderId }))
    .output(z.object({ orderId: z.string(), confirmed: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.orders.confirmHandover(ctx.user, input)),
  /** Staff: take the last bump back (one kitchen stage, within 2 minutes; see order-undo.ts). */
  undoAdvance: staffProcedure
    .input(ZUndoAdvanceRequest)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => ctx.services.orders.undoAdvance(ctx.user, input)),
  /** Staff: their store's orders (the kitchen console); admins name the store. */
  storeOrders: storeStaffProcedure
    .input(ZStoreOrdersRequest)
    .output(z.array(ZOrderView))
    .query(({ ctx, input }) => ctx.services.orders.storeOrders(ctx.storeId, input)),
  /** Staff (crew too): claim the automatic print of an order's ticket; a lost claim is "already printed". */
  claimTicketPrint: staffProcedure
    .input(ZTicketPrintRequest)
    .output(ZClaimTicketPrintResult)
    .mutation(({ ctx, input }) => ctx.services.orders.claimTicketPrint(ctx.user, input)),
  /** Staff: print an order's ticket again, recorded with who and when. */
  reprintTicket: staffProcedure
    .input(ZTicketPrintRequest)
    .output(ZReprintResult)
    .mutation(({ ctx, input }) => ctx.services.orders.reprintTicket(ctx.user, input)),
  /** Staff: a delivery order's address, the customer's phone's last digits and payment, for its ticket. */
  deliveryTicket: staffProcedure
    .input(z.object({ orderId: ZOrderId }))
    .output(ZDeliveryDetails)
    .query(({ ctx, input }) => ctx.services.orders.deliveryTicket(ctx.user, input.orderId)),
  /** Staff: the printed tickets of their store's orders (the ticket's history on the kitchen display). */
  ticketPrints: storeStaffProcedure
    .input(ZTicketPrintsRequest)
    .output(z.array(ZTicketPrint))
    .query(({ ctx, input }) => ctx.services.orders.ticketPrints(ctx.storeId, input.orderIds)),
} satisfies TRPCRouterRecord;
