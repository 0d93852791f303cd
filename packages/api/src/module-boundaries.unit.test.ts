// Each table has one owning module (docs/architecture.md, "Modules and their tables"); other modules read
// through the owner's query functions. This test finds every table a production file names in Kysely calls
// or raw SQL and fails on a crossing that is not in the short list of known ones below, so the list can
// only shrink.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const OWNERS: Record<string, string> = {};
const own = (module: string, tables: string) => {
  for (const t of tables.split(/\s+/).filter(Boolean)) OWNERS[t] = module;
};
own("auth", "users refresh_tokens verification_codes password_resets");
own("users", "user_addresses");
own(
  "menu",
  "menu_categories menu_items menu_item_variants menu_option_groups menu_options pizza_sizes crusts crust_sizes sauces toppings translations prices tax_rates deals deal_slots menu_changes scheduled_prices region_availability",
);
own("menu", "menu_images");
own("stores", "regions stores store_delivery_cells store_hour_overrides store_prices store_stock");
own("promos", "promo_codes promo_redemptions");
own("orders", "orders order_items order_status_history stock_reservations kitchen_slots order_track_links");
own("payments", "payments payment_attempts refunds webhook_events");
own("delivery", "drivers driver_shifts deliveries delivery_offers driver_actions driver_earnings");
own("reviews", "reviews review_helpful_votes rating_aggregates");
own("events", "outbox processed_events");
own("notifications", "notification_deliveries notification_preferences notification_jobs push_subscriptions");
own("help", "help_requests help_photos");
own("loyalty", "loyalty_rules loyalty_ledger loyalty_rewards");

/** The crossings that remain (docs/architecture.md, "How modules read each other"): file → tables. */
const KNOWN: Record<string, string[]> = {
  "packages/api/src/modules/menu/build-menu.ts": [
    "regions",
    "store_hour_overrides",
    "store_prices",
    "store_stock",
    "stores",
  ],
  "packages/api/src/modules/menu/menu.service.ts": ["stores"],
  "packages/api/src/modules/orders/insert-order.ts": ["outbox"],
  "packages/api/src/modules/orders/order-queries.ts": ["stores"],
  "packages/api/src/modules/orders/unpaid-expiry.ts": ["payment_attempts", "payments"],
  "packages/api/src/modules/promos/promo-admin.ts": ["regions", "stores"],
};

const KYSELY = /(?:selectFrom|innerJoin|leftJoin|insertInto|updateTable|deleteFrom)\(\s*"([a-z_]+)/g;
const RAW = /\b(?:from|join|into|update)\s+([a-z_]+)\b/gi;

function moduleOf(file: string): string | undefined {
  const m = /^packages\/api\/src\/(?:modules\/)?([a-z-]+)\//.exec(file);
  if (!m) return undefined;
  return m[1] === "infra" ? "events" : m[1];
}

function crossings(): Record<string, string[]> {
  const files = execFileSync("git", ["ls-files", "packages/api/src"], { cwd: repo })
    .toString()
    .trim()
    .split("\n")
    .filter(
      (f) =>
        f.endsWith(".ts") &&
        !/\.test\.ts$|\/testing\/|testing\.ts$|test-support|test-builders|\.contract\.ts$/.test(f),
    );
  const found: Record<string, string[]> = {};
  for (const file of files) {
    const module = moduleOf(file);
    if (!module) continue;
    const text = readFileSync(join(repo, file), "utf8");
    const tables = new Set([...text.matchAll(KYSELY)].map((m) => m[1]!));
    for (const block of text.match(/sql`[^`]*`/g) ?? []) {
      for (const m of block.matchAll(RAW)) if (OWNERS[m[1]!]) tables.add(m[1]!);
    }
    // The reports module reads every module's tables, read-only (one SQL per figure, on the read
    // replica): it owns none and may write none, which the test below checks.
    if (module === "reports") continue;
    const foreign = [...tables].filter((t) => OWNERS[t] && OWNERS[t] !== module).sort();
    if (foreign.length > 0) found[file] = foreign;
  }
  return found;
}

describe("module boundaries", () => {
  it("knows who owns each table it checks (the check would pass vacuously otherwise)", () => {
    expect(Object.keys(OWNERS).length).toBeGreaterThan(40);
  });

  it("lets the reports module read, never write: no insert, update or delete in its files", () => {
    const files = execFileSync("git", ["ls-files", "packages/api/src/modules/reports"], { cwd: repo })
      .toString()
      .trim()
      .split("\n")
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("test-support"));
    expect(files.length).toBeGreaterThan(5);
    const writes = files.filter((f) =>
      /insertInto\(|updateTable\(|deleteFrom\(|\b(insert\s+into|update\s+[a-z_]+\s+set|delete\s+from)\b/i.test(
        readFileSync(join(repo, f), "utf8"),
      ),
    );
    expect(writes).toEqual([]);
  });

  it("finds no module reading or writing another module's tables beyond the known crossings", () => {
    expect(crossings()).toEqual(KNOWN);
  });
});
