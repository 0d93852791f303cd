// Issue 22: a kitchen ticket prints automatically once per order version — under concurrency, across
// stations — prints again after an edit, reprints are explicit and recorded, and only the store's staff print.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, anAdmin, aPizza, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("kitchen tickets on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let crew: AuthUser;
  let otherStore: AuthUser;
  let admin: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    crew = await aStaff(t, "nyc-midtown");
    otherStore = await aStaff(t, "ber-mitte");
    admin = await anAdmin(t);
    await t.caller(admin).store.setKitchenCapacity({ storeId: midtown, capacity: 10_000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const anOrder = async () => {
    const customer = await aCustomer(t);
    const order = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown));
    return { customer, order };
  };

  it("lets exactly one of 10 concurrent claims print, and says 'already printed' to the rest", async () => {
    const { order } = await anOrder();
    const stations = [crew, crew, crew, admin, crew, crew, admin, crew, crew, crew];
    const answers = await Promise.all(
      stations.map((u) => t.caller(u).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" })),
    );
    expect(answers.filter((a) => a.claimed)).toHaveLength(1);
    const winner = answers.find((a) => a.claimed)!;
    for (const a of answers) {
      expect(a.version).toBe(winner.version);
      expect(a.print).toEqual(winner.print);
    }
    // A reload (a later claim) does not print either.
    const again = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" });
    expect(again.claimed).toBe(false);
    const rows = await t.caller(crew).order.ticketPrints({ orderIds: [order.id] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orderId: order.id, kind: "kitchen", reprint: false });
    // The delivery ticket is a different kind: its own claim.
    const delivery = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "delivery" });
    expect(delivery.claimed).toBe(true);
  });

  it("prints again for a new version (the order edited), but not after a bump", async () => {
    const { customer, order } = await anOrder();
    const first = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" });
    expect(first.claimed).toBe(true);
    const edited = await t.caller(customer).order.updateOrder({
      orderId: order.id,
      items: [aPizza(), aPizza({ itemId: "margherita" })],
    });
    expect(edited.version).toBeGreaterThan(first.version);
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" }),
      ),
    );
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    expect(claims[0]!.version).toBe(edited.version);
    // A bump changes the order's version, not what the kitchen makes: nothing new to print.
    await t.caller(crew).order.advance({ orderId: order.id, to: "preparing" });
    const afterBump = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" });
    expect(afterBump).toMatchObject({ claimed: false, version: edited.version });
  });

  it("records a reprint with who and when, after the print, and lists both", async () => {
    const { order } = await anOrder();
    await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" });
    const reprint = await t.caller(admin).order.reprintTicket({ orderId: order.id, kind: "kitchen" });
    expect(reprint).toMatchObject({ orderId: order.id, reprint: true, printedBy: admin.name });
    const second = await t.caller(crew).order.reprintTicket({ orderId: order.id, kind: "kitchen" });
    expect(second.reprint).toBe(true);
    const rows = await t.caller(crew).order.ticketPrints({ orderIds: [order.id] });
    expect(rows.map((r) => [r.reprint, r.printedBy])).toEqual([
      [false, crew.name],
      [true, admin.name],
      [true, crew.name],
    ]);
    // Reprints never take the automatic claim: it is still "already printed".
    expect(
      (await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" })).claimed,
    ).toBe(false);
  });

  it("lets the store's crew print; another store's staff get NOT_FOUND, customers FORBIDDEN", async () => {
    const { customer, order } = await anOrder();
    const input = { orderId: order.id, kind: "kitchen" as const };
    await expectCode(t.caller(otherStore).order.claimTicketPrint(input), "NOT_FOUND");
    await expectCode(t.caller(otherStore).order.reprintTicket(input), "NOT_FOUND");
    await expectCode(t.caller(customer).order.claimTicketPrint(input), "FORBIDDEN");
    await expectCode(t.caller(customer).order.reprintTicket(input), "FORBIDDEN");
    await expectCode(t.caller(customer).order.ticketPrints({ orderIds: [order.id] }), "FORBIDDEN");
    // Another store's staff asking for the list see nothing of this store's orders.
    await t.caller(crew).order.claimTicketPrint(input);
    expect(await t.caller(otherStore).order.ticketPrints({ orderIds: [order.id] })).toEqual([]);
    expect(await t.caller(crew).order.ticketPrints({ orderIds: [order.id] })).toHaveLength(1);
  });
});
