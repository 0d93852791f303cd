// What every delivery use case is given: the database, the dispatch engine, the services it calls, and
// this node's shared state (who the drivers are, distance driven, listeners, dispatch requests in flight).
import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Dispatcher, DriverIndex } from "@pizza/dispatch";
import type { Logger } from "pino";
import type { BlobStore } from "../../infra/blob-store.ts";
import type { TrackingService } from "../../realtime/tracking.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PaymentsService } from "../payments/payments.service.ts";
import type { ReviewsService } from "../reviews/reviews.service.ts";
import type { ArrivalWatch } from "./arrival-watch.ts";
import type { DeliveryListeners } from "./delivery-listeners.ts";
import type { DispatchStarter } from "./dispatch-starter.ts";
import type { DistanceMeter } from "./distance-meter.ts";
import type { DriverDirectory } from "./driver-directory.ts";

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface DeliveryDeps {
  db: Db;
  index: DriverIndex;
  dispatcher: Dispatcher;
  orders: OrdersService;
  payments: PaymentsService;
  reviews?: ReviewsService | undefined;
  tracking: TrackingService;
  /** Delivery photos (delivery-photo.ts). */
  blobs: BlobStore;
  log: Logger;
}

/** Positions fed to the index on this node, by outcome (exported as metrics). */
export interface PositionStats {
  accepted: number;
  refused: { invalid: number; future: number; stale: number };
  unknownDriver: number;
}

export interface DeliveryRuntime extends DeliveryDeps {
  drivers: DriverDirectory;
  distance: DistanceMeter;
  listeners: DeliveryListeners;
  starter: DispatchStarter;
  positionStats: PositionStats;
  /** Notices a driver nearing a drop-off ("arriving"), once per delivery. */
  arrivals: ArrivalWatch;
}
