import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as m0001 from "../migrations/0001_domain_model.ts";
import * as m0002 from "../migrations/0002_kitchen_slots.ts";
import * as m0005 from "../migrations/0005_review_helpful_votes.ts";
import * as m0006 from "../migrations/0006_guest_customers.ts";
import * as m0007 from "../migrations/0007_store_prices.ts";
import * as m0008 from "../migrations/0008_payment_order_version.ts";
import * as m0009 from "../migrations/0009_order_request_hash_cash_change.ts";
import * as m0010 from "../migrations/0010_unpaid_orders.ts";
import * as m0011 from "../migrations/0011_sign_up_confirmation.ts";
import * as m0012 from "../migrations/0012_notifications.ts";
import * as m0013 from "../migrations/0013_taxes_and_oven_load.ts";
import * as m0014 from "../migrations/0014_order_track_links.ts";
import * as m0015 from "../migrations/0015_password_resets.ts";
import * as m0016 from "../migrations/0016_notification_moments.ts";
import * as m0017 from "../migrations/0017_push_subscriptions.ts";
import * as m0018 from "../migrations/0018_help_requests.ts";
import * as m0020 from "../migrations/0020_payment_customers.ts";
import * as m0023 from "../migrations/0023_failed_digest.ts";
import * as m0024 from "../migrations/0024_loyalty.ts";
import * as m0025 from "../migrations/0025_loyalty_rewards.ts";
import * as m0026 from "../migrations/0026_proof_of_delivery.ts";
import * as m0027 from "../migrations/0027_cancel_reason_key.ts";
import * as m0028 from "../migrations/0028_handover_code.ts";
import * as m0029 from "../migrations/0029_driver_earnings.ts";
import * as m0030 from "../migrations/0030_trips.ts";
import * as m0031 from "../migrations/0031_blob_retention.ts";
import * as m0032 from "../migrations/0032_oidc_identities.ts";
import * as m0034 from "../migrations/0034_loyalty_edits_expiry.ts";
import * as m0035 from "../migrations/0035_ticket_prints.ts";
import * as m0036 from "../migrations/0036_menu_admin.ts";
import * as m0037 from "../migrations/0037_menu_images.ts";
import * as m0038 from "../migrations/0038_report_indexes.ts";
import * as m0039 from "../migrations/0039_deals.ts";
import * as m0040 from "../migrations/0040_region_ops.ts";
import * as m0042 from "../migrations/0042_deal_images.ts";
import * as m0043 from "../migrations/0043_deal_discount.ts";
import * as m0044 from "../migrations/0044_region_managers.ts";
import * as m0045 from "../migrations/0045_cheese_price_history.ts";

// Listed statically (not read from disk) so the migrations ship inside whatever runs the API.
const migrations: Record<string, Migration> = {
  "0001_domain_model": m0001,
  "0002_kitchen_slots": m0002,
  "0005_review_helpful_votes": m0005,
  "0006_guest_customers": m0006,
  "0007_store_prices": m0007,
  "0008_payment_order_version": m0008,
  "0009_order_request_hash_cash_change": m0009,
  "0010_unpaid_orders": m0010,
  "0011_sign_up_confirmation": m0011,
  "0012_notifications": m0012,
  "0013_taxes_and_oven_load": m0013,
  "0014_order_track_links": m0014,
  "0015_password_resets": m0015,
  "0016_notification_moments": m0016,
  "0017_push_subscriptions": m0017,
  "0018_help_requests": m0018,
  "0020_payment_customers": m0020,
  "0023_failed_digest": m0023,
  "0024_loyalty": m0024,
  "0025_loyalty_rewards": m0025,
  "0026_proof_of_delivery": m0026,
  "0027_cancel_reason_key": m0027,
  "0028_handover_code": m0028,
  "0029_driver_earnings": m0029,
  "0030_trips": m0030,
  "0031_blob_retention": m0031,
  "0032_oidc_identities": m0032,
  "0034_loyalty_edits_expiry": m0034,
  "0035_ticket_prints": m0035,
  "0036_menu_admin": m0036,
  "0037_menu_images": m0037,
  "0038_report_indexes": m0038,
  "0039_deals": m0039,
  "0040_region_ops": m0040,
  "0042_deal_images": m0042,
  "0043_deal_discount": m0043,
  "0044_region_managers": m0044,
  "0045_cheese_price_history": m0045,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest migration. Safe to call on every start and from several nodes at once. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Several engineers number migrations in parallel (0002 may land after 0005): a database that has
  // already run a later one must still accept an earlier-numbered newcomer.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(
      `migration ${failed?.migrationName ?? "?"} failed: ${String((error as Error).message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
