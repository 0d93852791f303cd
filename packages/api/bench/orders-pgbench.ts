// The database's ceiling for bench:orders: pgbench (prepared mode, 64 clients) running a custom script of
// the same transaction shape as an order (the order, its items, a history row, an outbox row).
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function findPgbench(): string {
  for (const p of [
    "/usr/bin/pgbench",
    "/usr/lib/postgresql/15/bin/pgbench",
    "/usr/lib/postgresql/16/bin/pgbench",
  ]) {
    if (existsSync(p)) return p;
  }
  const which = spawnSync("which", ["pgbench"], { encoding: "utf8" });
  if (which.status === 0) return which.stdout.trim();
  throw new Error("pgbench not found (install postgresql-client)");
}

/** A pgbench runner for `dbName` at `url`, its script written into `tmp`; each call runs it for `seconds`. */
export function pgbenchRunner(args: {
  url: URL;
  dbName: string;
  tmp: string;
  store: { id: string };
  customers: { id: string }[];
  log: (line: string) => void;
}): (seconds: number) => Promise<{ tps: number; latencyMs: number }> {
  const { url, dbName, tmp, store, customers, log } = args;
  const script = join(tmp, "order.sql");
  writeFileSync(
    script,
    [
      "BEGIN;",
      `INSERT INTO orders (region_code, store_id, customer_id, channel, status, payment_method, currency, subtotal, tax, tax_included, total, idempotency_key, promised_at, ready_estimate_at, updated_at) VALUES ('us', :store, :cust, 'carryout', 'placed', 'cash', 'USD', 4296, 381, false, 4677, gen_random_uuid()::text, now() + interval '15 minutes', now() + interval '15 minutes', now()) RETURNING id \\gset`,
      `INSERT INTO order_items (order_id, region_code, line_no, item_id, kind, variant, quantity, config, name, unit_price, line_total) VALUES (:id, 'us', 1, 'pepperoni', 'pizza', 'large', 1, '{"crust":"hand_tossed","sauce":"tomato","cheese":"normal","toppings":[]}', 'Large Pepperoni', 1799, 1799), (:id, 'us', 2, 'margherita', 'pizza', 'medium', 1, '{"crust":"hand_tossed","sauce":"tomato","cheese":"normal","toppings":[]}', 'Medium Margherita', 1399, 1399), (:id, 'us', 3, 'cola', 'drink', '500ml', 2, '{"options":[]}', 'Cola 0.5 L', 249, 498);`,
      `INSERT INTO order_status_history (order_id, region_code, from_status, to_status, version) VALUES (:id, 'us', NULL, 'placed', 1);`,
      // A topic no consumer reads: the relay carries these rows as it does the API's, but no consumer
      // logs a payload it cannot parse while the next API turn runs.
      `INSERT INTO outbox (topic, aggregate_id, payload) VALUES ('bench.pgbench', :id, '{"orderId":"x","status":"placed","version":1}');`,
      "END;",
      "",
    ].join("\n"),
  );
  const pgbench = findPgbench();
  const runPgbench = async (seconds: number): Promise<{ tps: number; latencyMs: number }> => {
    // The server is shared: when other work holds too many connections, wait and try again.
    for (let attempt = 1; ; attempt++) {
      const r = pgbenchOnce(seconds);
      if (r.ok || attempt >= 24 || !/too many clients/.test(r.output)) return r.result();
      log(`  pgbench: the server has too many clients right now; retrying in 5 s`);
      await new Promise((done) => setTimeout(done, 5000));
    }
  };
  const pgbenchOnce = (seconds: number) => {
    const pgb = spawnSync(
      pgbench,
      [
        "-n",
        // Prepared mode binds :variables as parameters, like the API's driver does.
        "-M",
        "prepared",
        "-c",
        "64",
        "-j",
        "2",
        "-T",
        String(seconds),
        "-f",
        script,
        "-D",
        `store=${store.id}`,
        "-D",
        `cust=${customers[0]!.id}`,
        "-h",
        url.hostname,
        "-p",
        url.port || "5432",
        "-U",
        decodeURIComponent(url.username || "postgres"),
        dbName,
      ],
      { encoding: "utf8" },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(pgb.stdout);
    const lat = /latency average = ([\d.]+) ms/.exec(pgb.stdout);
    return {
      ok: Boolean(tps) && !/aborted/.test(pgb.stderr),
      output: `${pgb.stderr}${pgb.stdout}`,
      result: () => {
        if (!tps || /aborted/.test(pgb.stderr))
          throw new Error(`pgbench failed: ${pgb.stderr || pgb.stdout}`);
        return { tps: Number(tps[1]), latencyMs: Number(lat?.[1] ?? 0) };
      },
    };
  };
  return runPgbench;
}
