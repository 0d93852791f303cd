// Retries of a transaction that lost a race, and what the API answers when the database stays busy:
// the failures are raised by a real PostgreSQL inside a real order transaction, over HTTP.
import { sql } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, storeId } from "../testing/builders.ts";
import { createTestPlatform, startTestServer, type TestPlatform } from "../testing/harness.ts";
import { databaseBusyError, isRetryableDbError, withDbRetry } from "./db-retry.ts";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("withDbRetry", () => {
  it("runs the work again after a deadlock or serialization failure, at most `attempts` times", async () => {
    let calls = 0;
    const result = await withDbRetry(async () => {
      calls++;
      if (calls < 3) throw pgError(calls === 1 ? "40P01" : "40001", "deadlock detected");
      return "done";
    });
    expect(result).toBe("done");
    expect(calls).toBe(3);

    let failing = 0;
    const error = await withDbRetry(
      async () => {
        failing++;
        throw pgError("40P01", "deadlock detected");
      },
      { attempts: 4, random: () => 0 },
    ).catch((e: unknown) => e);
    expect(failing).toBe(4);
    expect((error as { code: string }).code).toBe("40P01");
  });

  it("does not retry anything else", async () => {
    let calls = 0;
    await expect(
      withDbRetry(async () => {
        calls++;
        throw pgError("23505", "duplicate key");
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(calls).toBe(1);
    expect(isRetryableDbError(pgError("55P03"))).toBe(false);
  });

  it("waits a jittered, growing pause between tries", async () => {
    const draws: number[] = [];
    const started = Date.now();
    let calls = 0;
    await withDbRetry(
      async () => {
        if (++calls < 3) throw pgError("40001");
      },
      {
        baseDelayMs: 40,
        random: () => {
          draws.push(1);
          return 1;
        },
      },
    );
    // 40 ms then 80 ms at the top of the jitter range.
    expect(draws).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("classifies database failures: races → 409, busy or unreachable → 503, anything else stays a bug", () => {
    expect(databaseBusyError(pgError("40P01"))?.code).toBe("CONFLICT");
    for (const code of ["55P03", "57014", "53300", "08006", "ECONNREFUSED"])
      expect(databaseBusyError(pgError(code))?.code, code).toBe("SERVICE_UNAVAILABLE");
    expect(databaseBusyError(new Error("timeout exceeded when trying to connect"))?.code).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(databaseBusyError(pgError("23505"))).toBeUndefined();
    expect(databaseBusyError(new TypeError("x is undefined"))).toBeUndefined();
  });
});

describe("database failures over HTTP (real PostgreSQL)", () => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform({ db: "postgres", redis: true }, { seed: true });
    server = await startTestServer(t.platform);
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  /** Places an order, then cancels it over HTTP with `hook` running inside the cancel transaction. */
  async function cancelWith(hook: (typeof t.platform.services.orders.onCancelled)[number]) {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const token = await t.platform.tokens.sign(me);
    const hooks = t.platform.services.orders.onCancelled;
    hooks.push(hook);
    try {
      const res = await fetch(`${server.url}/trpc/order.cancelOrder`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ orderId: order.id }),
      });
      const body = (await res.json()) as { error?: { message: string; data: { code: string } } };
      const status = (
        await t.platform.db
          .selectFrom("orders")
          .select("status")
          .where("id", "=", order.id)
          .executeTakeFirstOrThrow()
      ).status;
      return { res, body, status };
    } finally {
      hooks.splice(hooks.indexOf(hook), 1);
    }
  }

  it("retries a transaction that hits a serialization failure, then answers 409 with a message — not 500", async () => {
    let tries = 0;
    const { res, body, status } = await cancelWith(async ({ trx }) => {
      tries++;
      await sql`do $$ begin raise exception 'could not serialize access' using errcode = '40001'; end $$`.execute(
        trx,
      );
    });
    expect(tries).toBe(4);
    expect(res.status).toBe(409);
    expect(body.error?.message).toMatch(/at this very moment; please try again/);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(status).toBe("placed"); // every try was rolled back
  });

  it("succeeds when a retry gets through", async () => {
    let tries = 0;
    const { res, status } = await cancelWith(async ({ trx }) => {
      if (++tries === 1)
        await sql`do $$ begin raise exception 'deadlock detected' using errcode = '40P01'; end $$`.execute(
          trx,
        );
    });
    expect(res.status).toBe(200);
    expect(tries).toBe(2);
    expect(status).toBe("cancelled");
  });

  it("answers a lock wait that times out with 503, Retry-After and a human message", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // Another transaction holds a promo row the cancel wants (e.g. a long admin change of the code).
    const holder = t.platform.db.transaction().execute(async (trx) => {
      await sql`select 1 from promo_codes where code = 'WELCOME10' for update`.execute(trx);
      locked();
      await held;
    });
    await isLocked;
    try {
      const { res, body, status } = await cancelWith(async ({ trx }) => {
        await sql`set local lock_timeout = '100ms'`.execute(trx);
        await sql`select 1 from promo_codes where code = 'WELCOME10' for update`.execute(trx);
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(body.error?.message).toBe("We are very busy right now; please try again in a moment.");
      expect(body.error?.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(status).toBe("placed");
    } finally {
      release();
      await holder;
    }
  });
});
