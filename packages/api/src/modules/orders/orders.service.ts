// The orders module's service object: it builds the use cases' shared context once (platform.ts) and
// hands each call to the file that holds that use case. Other modules and the routers call it through
// `ctx.services.orders`; payments reaches `markPaid`/`notePayment`, dispatch `transition`/`etaProvider`.
import type { Database, Kysely, OrderStatus, Transaction } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import type { MenuService } from "../menu/menu.service.ts";
import type { PromosService } from "../promos/promos.service.ts";
import type { StoresService } from "../stores/stores.service.ts";
import { advanceOrder } from "./advance-order.ts";
import { applyPromoCode, type TApplyPromoCodeRequest } from "./apply-promo-code.ts";
import { cancelOrder } from "./cancel-order.ts";
import { claimTicketPrint } from "./claim-ticket-print.ts";
import { confirmOrderHandover } from "./confirm-handover.ts";
import { deliveryTicket } from "./delivery-ticket.ts";
import { findOrder } from "./find-order.ts";
import { listFreeSlots } from "./list-free-slots.ts";
import { type Capture, type MarkPaidResult, markPaid, notePaymentIssue } from "./mark-paid.ts";
import { openTrackLink } from "./open-track-link.ts";
import type { OrdersContext } from "./order-context.ts";
import { type OrderForPayment, orderForPayment } from "./order-for-payment.ts";
import type { CancelHook, UpdateHook } from "./order-hooks.ts";
import { OrderQueries } from "./order-queries.ts";
import type { Actor } from "./order-state.ts";
import { freeSlots } from "./order-timing.ts";
import { undoAdvance } from "./order-undo.ts";
import { writeOrderNote } from "./order-writes.ts";
import type {
  TFindOrderRequest,
  TPlaceOrderRequest,
  TQuoteRequest,
  TUpdateOrderRequest,
} from "./orders.schemas.ts";
import { ownTrackLink } from "./own-track-link.ts";
import { placeOrder } from "./place-order.ts";
import { quoteOrder } from "./quote-order.ts";
import { reprintTicket } from "./reprint-ticket.ts";
import { storeOrders } from "./store-orders.ts";
import { listTicketPrints, type TicketKind } from "./ticket-prints.ts";
import { orderOfTrackToken } from "./track-links.ts";
import { type TransitionOptions, type TransitionResult, transitionOrder } from "./transition-order.ts";
import { updateOrder } from "./update-order.ts";

export type { CancelHook, PaymentAdjustment, UpdateHook } from "./order-hooks.ts";
export type { TransitionOptions, TransitionResult } from "./transition-order.ts";

export interface OrdersDeps {
  db: Kysely<Database>;
  menus: MenuService;
  promos: PromosService;
  stores: StoresService;
  now?: () => Date;
  /** How many unpaid card orders one customer may hold at once (MAX_UNPAID_ORDERS; order-limits.ts). */
  maxUnpaidOrders?: number;
  /** Order history pages read here (infra/read-replica.ts: the standby or `db`). */
  lagTolerantDb?: Kysely<Database>;
}

type CartChoice = { storeId?: string | undefined; channel?: "delivery" | "carryout" | undefined };

export class OrdersService {
  /** Registered by payments (refunds). Called inside the cancel transaction; see CancelHook. */
  readonly onCancelled: CancelHook[] = [];
  /** Registered by payments (adjust an authorized amount). Called inside the update transaction. */
  readonly onUpdated: UpdateHook[] = [];
  /** Dispatch may register a better ETA source (the assigned driver's live ETA). */
  etaProvider: ((orderId: string) => Promise<Date | undefined>) | undefined;

  private readonly ctx: OrdersContext;

  constructor(deps: OrdersDeps) {
    this.ctx = {
      db: deps.db,
      menus: deps.menus,
      promos: deps.promos,
      stores: deps.stores,
      now: deps.now ?? (() => new Date()),
      maxUnpaidOrders: deps.maxUnpaidOrders ?? 3,
      queries: new OrderQueries(deps.db, deps.menus, () => this.etaProvider, deps.lagTolerantDb),
      onCancelled: this.onCancelled,
      onUpdated: this.onUpdated,
    };
  }

  // ── reading (order-queries.ts, store-orders.ts, list-free-slots.ts) ──
  get = (user: AuthUser, orderId: string) => this.ctx.queries.get(user, orderId);
  /** The event payload of an order as it is now (for other modules: payments, dispatch). */
  eventOf = (orderId: string, db?: Kysely<Database>) => this.ctx.queries.eventOf(orderId, db);
  track = (user: AuthUser, orderId: string) => this.ctx.queries.track(user, orderId);
  /** Tracking links (track-links.ts): one's own order's, one opened by its token, "Find my order". */
  trackLink = (user: AuthUser, orderId: string) => ownTrackLink(this.ctx, user, orderId);
  openTrackLink = (token: string) => openTrackLink(this.ctx, token);
  /** The order a tracking token follows now, for the socket handshake (undefined: no such live link). */
  orderOfTrackToken = (token: string) => orderOfTrackToken(this.ctx.db, token, this.ctx.now());
  findOrder = (input: TFindOrderRequest) => findOrder(this.ctx, input);
  /** The customer's own orders, newest first (cursor: `before` = createdAt of the last one seen). */
  history = (user: AuthUser, input: { limit: number; before?: string | undefined }) =>
    this.ctx.queries.history(user, input);
  /** A store's orders; `storeId` is the one `storeStaffProcedure` resolved for the caller. */
  storeOrders = (storeId: string, input: { statuses?: OrderStatus[] | undefined; limit: number }) =>
    storeOrders(this.ctx, storeId, input);
  /** The cart of an existing order (promo checks against an order use it). */
  cartOf = (user: AuthUser, orderId: string) => this.ctx.queries.cartOf(user, orderId);
  /** A new cart from a past order at today's prices, dropping what is gone with a note. */
  reorder = (user: AuthUser, input: { orderId: string; locale?: string | undefined } & CartChoice) =>
    this.ctx.queries.reorder(user, input);
  slots = (input: Parameters<typeof listFreeSlots>[1]) => listFreeSlots(this.ctx, input);
  /** Next times (delivery or pick-up) whose kitchen slot has room, from `readyFrom`'s slot on. */
  freeSlots = (storeId: string, readyFrom: Date, travel: number, count: number) =>
    freeSlots(this.ctx, storeId, readyFrom, travel, count);

  // ── use cases (one file each) ──
  quote = (user: AuthUser | null, input: TQuoteRequest) => quoteOrder(this.ctx, user, input);
  place = (user: AuthUser, input: TPlaceOrderRequest) => placeOrder(this.ctx, user, input);
  update = (user: AuthUser, input: TUpdateOrderRequest) => updateOrder(this.ctx, user, input);
  /** `payment.applyPromoCode`: a code applied to the caller's own order, through `update`. */
  applyPromoCode = (user: AuthUser, input: TApplyPromoCodeRequest) => applyPromoCode(this, user, input);
  cancel = (user: AuthUser, input: Parameters<typeof cancelOrder>[2]) => cancelOrder(this.ctx, user, input);
  /** Staff bump an order through the kitchen (the store console calls this). */
  advance = (user: AuthUser, input: Parameters<typeof advanceOrder>[2]) =>
    advanceOrder(this.ctx, user, input);
  /** A manager lets a handover go ahead without the customer's code (confirm-handover.ts). */
  confirmHandover = (user: AuthUser, input: { orderId: string }) =>
    confirmOrderHandover(this.ctx, user, input);
  /** Tickets (issue 22): an automatic print claimed once per version, an explicit reprint, the printed list. */
  claimTicketPrint = (user: AuthUser, input: { orderId: string; kind: TicketKind }) =>
    claimTicketPrint(this.ctx, user, input);
  reprintTicket = (user: AuthUser, input: { orderId: string; kind: TicketKind }) =>
    reprintTicket(this.ctx, user, input);
  deliveryTicket = (user: AuthUser, orderId: string) => deliveryTicket(this.ctx, user, orderId);
  ticketPrints = (storeId: string, orderIds: string[]) => listTicketPrints(this.ctx, storeId, orderIds);
  /** Staff take the last bump back (order-undo.ts). */
  undoAdvance = (user: AuthUser, input: Parameters<typeof undoAdvance>[2]) =>
    undoAdvance(this.ctx.db, user, input, this.ctx.now);

  /** The one way an order changes status (transition-order.ts). */
  transition(
    orderId: string,
    to: OrderStatus,
    actor: Actor,
    opts?: TransitionOptions,
  ): Promise<TransitionResult> {
    return transitionOrder(this.ctx, orderId, to, actor, opts);
  }

  /** Payments: pending_payment → placed when the capture equals the total at that version (mark-paid.ts). */
  markPaid(trx: Transaction<Database>, orderId: string, capture: Capture): Promise<MarkPaidResult> {
    return markPaid(trx, (id, to, actor, opts) => this.transition(id, to, actor, opts), orderId, capture);
  }

  /** Payments: a note on the order's history (e.g. why a capture was refunded), no status change. */
  notePayment(trx: Transaction<Database>, orderId: string, note: string): Promise<void> {
    return notePaymentIssue(trx, orderId, note);
  }

  /**
   * Help with an order: the store's answer (a refund, a credit, a decline) as a note on the order's
   * history through the one write path (order-writes.ts); the status and version stay.
   */
  noteHelpOutcome(trx: Transaction<Database>, orderId: string, note: string, actor: Actor): Promise<void> {
    return writeOrderNote(trx, orderId, note, actor, this.ctx.now());
  }

  /** Payments: the order it charges, optionally under its row lock (order-for-payment.ts). */
  orderForPayment(
    db: Kysely<Database>,
    orderId: string,
    opts?: { lock?: boolean },
  ): Promise<OrderForPayment | undefined> {
    return orderForPayment(db, orderId, opts);
  }
}
