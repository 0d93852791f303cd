// What the help use cases share: the database, the modules they ask (orders for the order and its
// history note, payments for refunds, promos for credits), the rate limiter, the blob store and the clock.
import type { Database, Kysely } from "@pizza/db";
import type { BlobStore } from "../../infra/blob-store.ts";
import type { RateLimiter } from "../../infra/rate-limiter.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PaymentsService } from "../payments/payments.service.ts";
import type { PromosService } from "../promos/promos.service.ts";

export interface HelpContext {
  db: Kysely<Database>;
  orders: OrdersService;
  payments: PaymentsService;
  promos: PromosService;
  limiter: RateLimiter;
  /** Where help photos are kept (help-photos.ts). */
  blobs: BlobStore;
  now: () => Date;
}
