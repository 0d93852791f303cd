import { sql } from "@pizza/db";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { aCarryoutOrder, aCustomer } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { TCartLineInput } from "../menu/menu.schemas.ts";
import { UnpaidExpiry } from "../orders/unpaid-expiry.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { card } from "./payments.test-support.ts";

/**
 * Issue 13's property suite (the part that exists on this branch; unpaid-order expiry joins it later):
 * random carts, and a random interleaving of payments (success, decline, 3-D Secure approved or
 * failed, in the browser or through confirmAction), webhook deliveries (late, reordered, twice),
 * updateOrder, cancelOrder, cancelAttempt and staff refunds. After each run, in SQL:
 * - for every order, captured − refunded = its total if placed, 0 if cancelled or still unpaid
 *   (a staff goodwill refund may take up to its amount off a placed order);
 * - no order is placed without a capture equal to its total at the version it charged;
 * - our books agree with the gateway's money, intent by intent.
 * Every answer is a result or a clear 4xx; never a 500.
 */

const line = fc.record({
  itemId: fc.constantFrom("pepperoni", "margherita"),
  variant: fc.constant("large"),
  quantity: fc.integer({ min: 1, max: 3 }),
});
const cart = fc.array(line, { minLength: 1, maxLength: 3 });

type Op =
  | { kind: "pay"; number: string }
  | { kind: "confirm"; approve: boolean }
  | { kind: "approveInBrowser" }
  | { kind: "webhooks"; twice: boolean; reversed: boolean }
  | { kind: "update"; items: TCartLineInput[] }
  | { kind: "cancel" }
  | { kind: "cancelAttempt" }
  | { kind: "refund"; amount: number }
  /** The unpaid-order sweep runs at a moment far past every window (any node, racing the rest). */
  | { kind: "expire" };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      number: fc.constantFrom(TEST_CARDS.succeeds, TEST_CARDS.declined, TEST_CARDS.requires3ds),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("confirm" as const), approve: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("approveInBrowser" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("webhooks" as const),
      twice: fc.boolean(),
      reversed: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("update" as const), items: cart }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancelAttempt" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("expire" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("refund" as const), amount: fc.integer({ min: 1, max: 900 }) }),
  },
);
/** An operation, and whether the next one starts before it has answered (they then run concurrently). */
const step = fc.record({ op, overlap: fc.boolean() });

describe.each(backings)("money under interleaved payments and order changes on $name", (backing) => {
  let t: TestPlatform;
  let gateway: SimulatedGateway;
  let midtown: string;

  beforeAll(async () => {
    gateway = new SimulatedGateway({ webhookDelivery: "manual", latencyMs: 3 });
    t = await createTestPlatform(backing, { seed: true, paymentGateway: gateway });
    midtown = (
      await t.platform.db
        .selectFrom("stores")
        .select("id")
        .where("slug", "=", "nyc-midtown")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const deliver = async (opts: { twice?: boolean; reversed?: boolean } = {}) => {
    const events = gateway.takeEvents();
    if (opts.reversed) events.reverse();
    for (const e of opts.twice ? [...events, ...events] : events)
      await t.platform.services.payments.handleWebhook(e.rawBody, e.signature);
  };

  /** Money per order in our books, and at the gateway. */
  const books = (orderId: string) =>
    t.platform.db
      .selectFrom("orders as o")
      .select((eb) => [
        "o.status",
        "o.total",
        eb
          .selectFrom("payment_attempts as a")
          .innerJoin("payments as p", "p.id", "a.payment_id")
          .select(sql<number>`coalesce(sum(a.captured_amount), 0)::int`.as("c"))
          .where("p.order_id", "=", eb.ref("o.id"))
          .as("captured"),
        eb
          .selectFrom("refunds as r")
          .innerJoin("payments as p", "p.id", "r.payment_id")
          .select(sql<number>`coalesce(sum(r.amount), 0)::int`.as("r"))
          .where("p.order_id", "=", eb.ref("o.id"))
          .where("r.status", "=", "succeeded")
          .as("refunded"),
        eb
          .selectFrom("refunds as r")
          .innerJoin("payments as p", "p.id", "r.payment_id")
          .select(sql<number>`coalesce(sum(r.amount), 0)::int`.as("g"))
          .where("p.order_id", "=", eb.ref("o.id"))
          .where("r.status", "=", "succeeded")
          .where("r.idempotency_key", "like", "%:refund:goodwill-%")
          .as("goodwill"),
      ])
      .where("o.id", "=", orderId)
      .executeTakeFirstOrThrow();

  const atGateway = async (orderId: string) => {
    const intents = await t.platform.db
      .selectFrom("payment_attempts as a")
      .innerJoin("payments as p", "p.id", "a.payment_id")
      .select("a.gateway_ref")
      .distinct()
      .where("p.order_id", "=", orderId)
      .where("a.gateway_ref", "is not", null)
      .where("a.gateway_ref", "!=", "")
      .execute();
    let net = 0;
    for (const { gateway_ref } of intents) {
      const charged = gateway.chargesFor(gateway_ref!).reduce((s, c) => s + c.amount, 0);
      net += charged - (await gateway.retrieve(gateway_ref!)).amountRefunded;
    }
    return net;
  };

  it("captured − refunded always equals what the order costs; nothing is placed without an equal capture", async () => {
    let refundNo = 0;
    await fc.assert(
      fc.asyncProperty(cart, fc.array(step, { minLength: 2, maxLength: 8 }), async (items, steps) => {
        const me = await aCustomer(t);
        const order = await t
          .caller(me)
          .order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card", items }));
        gateway.takeEvents();
        const running: Promise<unknown>[] = [];
        const run = async (o: Op): Promise<unknown> => {
          const payments = t.platform.services.payments;
          switch (o.kind) {
            case "pay":
              return t.caller(me).payment.processPayment({ orderId: order.id, method: card(o.number) });
            case "confirm":
              return t.caller(me).payment.confirmAction({
                orderId: order.id,
                simulatedOutcome: o.approve ? "approve" : "fail",
              });
            case "approveInBrowser": {
              const p = await t.platform.db
                .selectFrom("payments")
                .select("gateway_ref")
                .where("order_id", "=", order.id)
                .executeTakeFirst();
              return p?.gateway_ref ? gateway.completeAction(p.gateway_ref, true) : undefined;
            }
            case "webhooks":
              return deliver(o);
            case "update":
              return t.caller(me).order.updateOrder({ orderId: order.id, items: o.items });
            case "cancel":
              return t.caller(me).order.cancelOrder({ orderId: order.id });
            case "cancelAttempt":
              return t.caller(me).payment.cancelAttempt({ orderId: order.id });
            case "expire": {
              const expiry = new UnpaidExpiry({
                db: t.platform.db,
                orders: t.platform.services.orders,
                invalidateStore: async () => {},
                ttlMs: 15 * 60_000,
                actionTtlMs: 15 * 60_000,
                log: t.platform.log,
              });
              const later = new Date(Date.now() + 2 * 3600_000);
              for (let i = 0; i < 50 && (await expiry.sweep(later)) > 0; i++);
              return undefined;
            }
            case "refund":
              // A staff goodwill refund (what the support tools call).
              return payments.refundOrder(order.id, {
                amount: o.amount,
                reason: "goodwill",
                key: `goodwill-${refundNo++}`,
              });
          }
        };
        const failures: unknown[] = [];
        const settle = (p: Promise<unknown>) =>
          p.catch((error: unknown) => {
            // A refusal is fine if it is a clear 4xx; anything else (a 500, a raw database error) is not.
            const clear =
              (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") ||
              error instanceof AppError;
            if (!clear) failures.push(error);
          });
        for (const s of steps) {
          const p = settle(run(s.op));
          if (s.overlap) running.push(p);
          else await p;
        }
        await Promise.all(running);
        expect(failures).toEqual([]);

        // The dust settles: the sweep, every webhook, every refund sent and recorded.
        await t.platform.services.payments.reconcile({ olderThanMs: 0 });
        await deliver();
        await t.platform.services.payments.settled();
        await deliver();
        await t.platform.services.payments.settled();

        const b = await books(order.id);
        const [captured, refunded, goodwill] = [b.captured ?? 0, b.refunded ?? 0, b.goodwill ?? 0];
        const net = captured - refunded;
        expect(await atGateway(order.id)).toBe(net);
        if (b.status === "cancelled" || b.status === "pending_payment") {
          expect(net).toBe(0);
        } else {
          expect(b.status).toBe("placed");
          expect(net).toBeLessThanOrEqual(b.total);
          expect(net).toBeGreaterThanOrEqual(b.total - goodwill);
          if (goodwill === 0) expect(net).toBe(b.total);
        }
      }),
      { numRuns: backing.name.startsWith("real") ? 40 : 20 },
    );

    // Across every order of every run: each placed order was placed by a capture equal to the
    // attempt's amount, at the version the attempt charged.
    const unmatched = await sql<{ id: string }>`
      select o.id from orders o
      where o.status <> 'pending_payment' and o.status <> 'cancelled' and o.payment_method = 'card'
        and not exists (
          select 1 from payments p
          join payment_attempts a on a.payment_id = p.id
          join order_status_history h on h.order_id = o.id and h.to_status = 'placed'
            and h.from_status = 'pending_payment'
          where p.order_id = o.id and a.status = 'succeeded'
            and a.captured_amount = a.amount and h.version = a.order_version + 1
        )`.execute(t.platform.db);
    expect(unmatched.rows).toEqual([]);

    // The kitchen's slot counters (oven load, in pizzas) hold exactly what the orders still alive claimed
    // (expired and cancelled ones gave theirs back, once).
    const slots = await sql<{ counted: number; live: number }>`
      select coalesce(k.orders, 0)::int as counted, coalesce(o.live, 0)::int as live
      from (select slot_start, orders from kitchen_slots where store_id = ${midtown}) k
      full join (
        select (c->>'slotStart')::timestamptz as slot_start, sum((c->>'units')::int) as live
        from orders, jsonb_array_elements(kitchen_claims) c
        where store_id = ${midtown} and status <> 'cancelled' group by 1
      ) o on o.slot_start = k.slot_start`.execute(t.platform.db);
    expect(slots.rows.length).toBeGreaterThan(0);
    // The interleavings did include expiry (one step in ~17 is a sweep).
    const expired = await sql<{ n: number }>`
      select count(*)::int as n from orders where cancel_reason like 'We cancelled this order because%'`.execute(
      t.platform.db,
    );
    expect(expired.rows[0]!.n).toBeGreaterThan(0);
    expect(slots.rows.filter((r) => r.counted !== r.live)).toEqual([]);
  }, 120_000);
});
