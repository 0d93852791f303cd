// The background work of a node: the payment reconciliation sweep, the demo kitchen, the expiry of
// unpaid orders, the photo retention sweeps and the loyalty points expiry sweep. Each claims its rows, so every node may run them; tests
// run the sweeps themselves.
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import type { BlobStore } from "./infra/blob-store.ts";
import { startPeriodicSweep } from "./infra/periodic-sweep.ts";
import { sweepDeliveryPhotos } from "./modules/delivery/photo-retention.ts";
import { sweepHelpPhotos } from "./modules/help/help-photo-retention.ts";
import { sweepExpiredPoints } from "./modules/loyalty/expire-points.ts";
import { KitchenAutopilot } from "./modules/orders/kitchen-autopilot.ts";
import { UnpaidExpiry } from "./modules/orders/unpaid-expiry.ts";
import { startPaymentSweep } from "./modules/payments/payments.wiring.ts";
import type { Services } from "./platform.ts";

export function startWorkers(
  config: Config,
  db: Kysely<Database>,
  services: Services,
  log: Logger,
  blobs: BlobStore,
) {
  const ordersService = services.orders;
  const menuService = services.menu;
  // Settles payments a crashed node left half-done, at start and then every minute (tests run it themselves).
  const stopPaymentSweep =
    config.env === "test"
      ? () => {}
      : startPaymentSweep(services.payments, log.child({ module: "payments" }));

  // The demo kitchen (KITCHEN_AUTOPILOT): on in the embedded `npm start` demo, off in production and tests.
  const autopilot = config.kitchenAutopilot
    ? new KitchenAutopilot({
        db,
        orders: ordersService,
        speed: config.kitchenAutopilotSpeed,
        log: log.child({ component: "kitchen-autopilot" }),
      })
    : undefined;
  autopilot?.start();

  // Unpaid card orders give back their slot, stock and promo after PENDING_PAYMENT_TTL (every node
  // sweeps every 30 s; rows are claimed with SKIP LOCKED). Tests call `sweep()` themselves.
  const unpaidExpiry =
    config.env === "test"
      ? undefined
      : new UnpaidExpiry({
          db,
          orders: ordersService,
          invalidateStore: (storeId) => menuService.invalidateStore(storeId),
          ttlMs: config.unpaid.ttlMs,
          actionTtlMs: config.unpaid.actionTtlMs,
          log: log.child({ component: "unpaid-expiry" }),
        });
  unpaidExpiry?.start();

  // Delivery and help photos older than DELIVERY_PHOTO_RETENTION_DAYS are deleted, and expired loyalty
  // credits written off (every node, every 10 minutes, 100 rows a batch claimed with SKIP LOCKED). Tests
  // call the sweeps themselves.
  const retention = { db, blobs, retentionDays: config.blob.photoRetentionDays, batch: 100 };
  const sweeps =
    config.env === "test"
      ? []
      : [
          { name: "delivery photo retention", sweep: () => sweepDeliveryPhotos(retention) },
          { name: "help photo retention", sweep: () => sweepHelpPhotos(retention) },
          // Expired loyalty credits get their `expire` ledger entries (loyalty/expire-points.ts).
          { name: "loyalty points expiry", sweep: () => sweepExpiredPoints({ db, batch: 100 }) },
        ].map(({ name, sweep }) =>
          startPeriodicSweep({
            name,
            sweep,
            everyMs: 10 * 60_000,
            batch: 100,
            log: log.child({ component: name }),
          }),
        );

  return {
    async stop() {
      await autopilot?.stop();
      await unpaidExpiry?.stop();
      for (const s of sweeps) await s.stop();
      stopPaymentSweep();
    },
  };
}
