// The delivery module as `services.delivery`: builds this node's shared state once and hands each call
// to its use case (one file each). PostgreSQL (deliveries, delivery_offers, driver_shifts,
// driver_actions + outbox) is the record of what happened; the dispatcher's index (Redis or in-process)
// decides who gets which delivery.
import type { DispatchEvent, Dispatcher, DriverIndex } from "@pizza/dispatch";
import type { DriverPosition } from "../../realtime/events.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { acceptOffer } from "./accept-offer.ts";
import { ArrivalWatch } from "./arrival-watch.ts";
import { currentDeliveries } from "./current-deliveries.ts";
import { declineOffer } from "./decline-offer.ts";
import type {
  TAssignDeliveryRequest,
  TGoOnlineRequest,
  TMarkDeliveredRequest,
  TMarkPickedUpRequest,
  TSetStatusRequest,
} from "./delivery.schemas.ts";
import type { DeliveryDeps, DeliveryRuntime, PositionStats, Trx } from "./delivery-deps.ts";
import { DeliveryListeners } from "./delivery-listeners.ts";
import { photoUploadLink } from "./delivery-photo.ts";
import { deliveryStatus, etaForOrder } from "./delivery-status.ts";
import { DispatchStarter } from "./dispatch-starter.ts";
import { DistanceMeter } from "./distance-meter.ts";
import { DriverDirectory } from "./driver-directory.ts";
import { dropOff } from "./drop-off.ts";
import type { TEarningsExportRequest } from "./earnings.schemas.ts";
import { earningsExport } from "./earnings-export.ts";
import { goOffline } from "./go-offline.ts";
import { goOnline } from "./go-online.ts";
import { myOffers } from "./my-offers.ts";
import { myStores } from "./my-stores.ts";
import { onOrderCancelled } from "./on-order-cancelled.ts";
import { onOrderBaking, onOrderReady } from "./on-order-ready.ts";
import { overrideAssignment } from "./override-assignment.ts";
import { pickUp } from "./pick-up.ts";
import type { TPhotoUploadLinkRequest } from "./proof.schemas.ts";
import { recordDispatchEvent } from "./record-dispatch-event.ts";
import { repairSweep } from "./repair-sweep.ts";
import { reportPosition } from "./report-position.ts";
import { setDriverStatus } from "./set-driver-status.ts";
import { shiftSummary } from "./shift-summary.ts";
import { storeRoster } from "./store-roster.ts";
import { weeklyEarnings } from "./weekly-earnings.ts";

export type {
  TActionResult as ActionResult,
  TCurrentDeliveryView as CurrentDeliveryView,
  TOfferView as OfferView,
} from "./delivery.schemas.ts";
export { zoneOf } from "./delivery-context.ts";
export type { DeliveryDeps } from "./delivery-deps.ts";
export type { AssignedListener, OfferListener } from "./delivery-listeners.ts";

export class DeliveryService {
  private readonly rt: DeliveryRuntime;

  constructor(deps: DeliveryDeps) {
    this.rt = {
      ...deps,
      drivers: new DriverDirectory(deps.db),
      distance: new DistanceMeter(deps.db),
      listeners: new DeliveryListeners(deps.log),
      starter: new DispatchStarter(deps),
      positionStats: { accepted: 0, refused: { invalid: 0, future: 0, stale: 0 }, unknownDriver: 0 },
    } as Omit<DeliveryRuntime, "arrivals"> as DeliveryRuntime;
    this.rt.arrivals = new ArrivalWatch(this.rt);
  }

  get dispatcher(): Dispatcher {
    return this.rt.dispatcher;
  }
  get index(): DriverIndex {
    return this.rt.index;
  }
  /** This node's "arriving" check (tests race two nodes on it). */
  get arrivals(): ArrivalWatch {
    return this.rt.arrivals;
  }

  get positionStats(): PositionStats {
    return this.rt.positionStats;
  }

  /** Called after an offer is stored (the simulated fleet answers its drivers' offers from here). */
  onOffer = (l: Parameters<DeliveryListeners["onOffer"]>[0]) => this.rt.listeners.onOffer(l);
  /** Called after an assignment is stored: an accepted offer or a staff override. */
  onAssigned = (l: Parameters<DeliveryListeners["onAssigned"]>[0]) => this.rt.listeners.onAssigned(l);
  /** Waits for dispatch requests started after a commit (tests, shutdown). */
  settled = () => this.rt.starter.settled();
  driverInfo = (driverId: string) => this.rt.drivers.info(driverId);

  // Triggers and the dispatcher's outcomes.
  onOrderReady = (payload: Record<string, unknown>, trx: Trx) => onOrderReady(this.rt, payload, trx);
  onOrderStatusChanged = (payload: Record<string, unknown>, trx: Trx) => onOrderBaking(this.rt, payload, trx);
  onOrderCancelled = (payload: Record<string, unknown>, trx: Trx) => onOrderCancelled(this.rt, payload, trx);
  sweep = (limit?: number, zones?: readonly string[]) => repairSweep(this.rt, limit, zones);
  persist = (event: DispatchEvent) => recordDispatchEvent(this.rt, event);

  // Drivers.
  goOnline = (user: AuthUser, input: TGoOnlineRequest) => goOnline(this.rt, user, input);
  setStatus = (user: AuthUser, input: TSetStatusRequest) => setDriverStatus(this.rt, user, input);
  goOffline = (user: AuthUser) => goOffline(this.rt, user);
  shiftSummary = (user: AuthUser, input: { shiftId?: string | undefined }) =>
    shiftSummary(this.rt, user, input);
  weeklyEarnings = (user: AuthUser) => weeklyEarnings(this.rt, user);
  onDriverPosition = (driver: AuthUser, position: DriverPosition) =>
    reportPosition(this.rt, driver, position);
  myOffers = (user: AuthUser) => myOffers(this.rt, user);
  current = (user: AuthUser) => currentDeliveries(this.rt, user);
  myStores = (user: AuthUser) => myStores(this.rt, user);
  acceptOffer = (user: AuthUser, offerId: string) => acceptOffer(this.rt, user, offerId);
  declineOffer = (user: AuthUser, offerId: string) => declineOffer(this.rt, user, offerId);
  markPickedUp = (user: AuthUser, input: TMarkPickedUpRequest) => pickUp(this.rt, user, input);
  markDelivered = (user: AuthUser, input: TMarkDeliveredRequest) => dropOff(this.rt, user, input);
  photoUploadLink = (user: AuthUser, input: TPhotoUploadLinkRequest) => photoUploadLink(this.rt, user, input);

  // Staff, and everyone who may follow an order.
  assignDelivery = (user: AuthUser, input: TAssignDeliveryRequest) =>
    overrideAssignment(this.rt, user, input);
  roster = (storeId: string) => storeRoster(this.rt, storeId);
  earningsExport = (storeId: string, input: TEarningsExportRequest) =>
    earningsExport(this.rt, storeId, input);
  getDeliveryStatus = (user: AuthUser, orderId: string) => deliveryStatus(this.rt, user, orderId);
  etaForOrder = (orderId: string) => etaForOrder(this.rt, orderId);
}
