// Issue 22, ESC/POS: a store's network receipt printer gets a ticket from the server exactly once per
// claimed print (10 stations racing), again on a reprint, with the order number and lines in the bytes;
// a printer that is down is a sentence on the answer, never a 500, and the "printed once" record stays.
// The printer is a local TCP stand-in that records bytes (testing/printer-stand-in.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDeliveryOrder,
  aManager,
  anAdmin,
  aPizza,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import {
  aDeadPrinterAddress,
  type PrinterStandIn,
  startPrinterStandIn,
} from "../../testing/printer-stand-in.ts";
import type { AuthUser } from "../auth/tokens.ts";

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe.each(backings)("network ticket printing on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let crew: AuthUser;
  let manager: AuthUser;
  let admin: AuthUser;
  let printer: PrinterStandIn;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    crew = await aStaff(t, "nyc-midtown");
    manager = await aManager(t, "nyc-midtown");
    admin = await anAdmin(t);
    printer = await startPrinterStandIn();
    await t.caller(admin).store.setKitchenCapacity({ storeId: midtown, capacity: 10_000 });
  });
  afterAll(async () => {
    await printer?.close();
    await t?.close();
  });

  const usePrinter = (p: { host: string; port: number }) =>
    t.caller(manager).store.setTicketPrinter({ storeId: midtown, printer: { ...p, paper: "80" } });

  it("is set by the store's manager, with readable refusals; crew only read it", async () => {
    const set = await usePrinter(printer);
    expect(set.printer).toEqual({ host: printer.host, port: 9100, paper: "80" });
    expect(await t.caller(crew).store.ticketPrinter({ storeId: midtown })).toMatchObject({
      printer: { host: printer.host },
      canEdit: false,
    });
    await expectCode(
      t.caller(crew).store.setTicketPrinter({ storeId: midtown, printer: null }),
      "FORBIDDEN",
      /Only the store manager/,
    );
    await expectCode(
      t.caller(manager).store.setTicketPrinter({
        storeId: midtown,
        printer: { host: printer.host, port: 6379, paper: "80" },
      }),
      "BAD_REQUEST",
      /port is a number from 9100 to 9109/,
    );
    await expectCode(
      t.caller(manager).store.setTicketPrinter({
        storeId: midtown,
        printer: { host: "printer; rm -rf", port: 9100, paper: "80" },
      }),
      "BAD_REQUEST",
      /host name or an IP address/,
    );
    const other = await aManager(t, "ber-mitte");
    await expectCode(
      t.caller(other).store.setTicketPrinter({ storeId: midtown, printer: null }),
      "NOT_FOUND",
    );
    expect((await t.caller(crew).store.ticketPrinter({ storeId: midtown })).printer?.port).toBe(9100);
  });

  it("sends a claimed ticket exactly once of 10 racing claims, and again on a reprint", async () => {
    await usePrinter(printer);
    const customer = await aCustomer(t);
    const order = await t.caller(customer).order.placeOrder(
      aCarryoutOrder(midtown, {
        notes: "Ring twice",
        items: [
          aPizza({
            toppings: [
              { id: "mushrooms", placement: "left", portion: "normal" },
              { id: "onions", placement: "whole", portion: "extra" },
            ],
          }),
        ],
      }),
    );
    const before = (await printer.settle()).length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" }),
      ),
    );
    expect(answers.filter((a) => a.claimed)).toHaveLength(1);
    const won = answers.find((a) => a.claimed)!;
    expect(won.network).toMatchObject({ sent: true, printer: `${printer.host}:9100` });
    for (const lost of answers.filter((a) => !a.claimed)) expect(lost.network).toBeNull();
    const jobs = (await printer.settle()).slice(before);
    expect(jobs).toHaveLength(1);
    const text = printer.text(jobs[0]!);
    expect(text.startsWith("\x1b@")).toBe(true); // ESC @: the printer is initialised
    expect(count(text, `#${order.orderNumber}`)).toBe(1);
    expect(text).toContain("CARRYOUT");
    expect(text).toMatch(/1x [^\n]*Pepperoni/);
    expect(text).toContain("LEFT 1/2 Mushroom");
    expect(text).toMatch(/Onion[^\n]*EXTRA/);
    expect(text).toContain("Note: Ring twice");
    expect(text).not.toContain("REPRINT");
    expect(text).toContain("\x1dV"); // GS V: cut

    const reprint = await t.caller(crew).order.reprintTicket({ orderId: order.id, kind: "kitchen" });
    expect(reprint.network).toMatchObject({ sent: true });
    const again = (await printer.settle()).slice(before);
    expect(again).toHaveLength(2);
    expect(printer.text(again[1]!)).toContain("REPRINT");
    expect(printer.text(again[1]!)).toContain(`#${order.orderNumber}`);
  });

  it("prints a delivery ticket with the address, the phone's last digits and the payment", async () => {
    await usePrinter(printer);
    const customer = await aCustomer(t);
    await t.platform.db
      .updateTable("users")
      .set({ phone: "+12125550187" })
      .where("id", "=", customer.id)
      .execute();
    const order = await t.caller(customer).order.placeOrder(
      aDeliveryOrder(midtown, {
        paymentMethod: "cash",
        address: { line1: "350 Fifth Avenue", line2: "Floor 86", city: "New York", postalCode: "10118" },
      }),
    );
    const details = await t.caller(crew).order.deliveryTicket({ orderId: order.id });
    expect(details).toMatchObject({
      addressLines: ["350 Fifth Avenue", "Floor 86", "10118 New York"],
      phoneLast4: "0187",
      payment: { method: "cash", paid: false, amount: order.total },
    });
    expect(details.payment.text).toMatch(/^CASH - collect \$/);
    const before = (await printer.settle()).length;
    const claim = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "delivery" });
    expect(claim).toMatchObject({ claimed: true, network: { sent: true } });
    const [job] = (await printer.settle()).slice(before);
    const text = printer.text(job!);
    expect(text).toContain("DELIVERY TICKET");
    expect(text).toContain("350 Fifth Avenue");
    expect(text).toContain("...0187");
    expect(text).not.toContain("2125550187");
    expect(text).toContain("CASH - collect");
    expect(text).toContain(`#${order.orderNumber}`);
    // Another store's staff: NOT_FOUND; a carryout order has no delivery ticket.
    await expectCode(
      t.caller(await aStaff(t, "ber-mitte")).order.deliveryTicket({ orderId: order.id }),
      "NOT_FOUND",
    );
    const carryout = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown));
    await expectCode(
      t.caller(crew).order.deliveryTicket({ orderId: carryout.id }),
      "PRECONDITION_FAILED",
      /carryout/,
    );
  });

  it("a printer that is down is a sentence, not a 500, and the print stays recorded once", async () => {
    const dead = aDeadPrinterAddress();
    await usePrinter(dead);
    const customer = await aCustomer(t);
    const order = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown));
    const claim = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" });
    expect(claim.claimed).toBe(true);
    expect(claim.network).toMatchObject({ sent: false, printer: `${dead.host}:9100` });
    expect(claim.network?.message).toMatch(
      new RegExp(
        `The printer at ${dead.host.replace(/\./g, "\\.")}:9100 refused the connection.*Ticket #${order.orderNumber} was not printed there.*press Reprint`,
      ),
    );
    // The record was not lost: a reload still hears "already printed".
    const reload = await t.caller(crew).order.claimTicketPrint({ orderId: order.id, kind: "kitchen" });
    expect(reload.claimed).toBe(false);
    expect(await t.caller(crew).order.ticketPrints({ orderIds: [order.id] })).toHaveLength(1);
    // The printer is back: Reprint sends it.
    await usePrinter(printer);
    const before = (await printer.settle()).length;
    const reprint = await t.caller(crew).order.reprintTicket({ orderId: order.id, kind: "kitchen" });
    expect(reprint.network).toMatchObject({ sent: true });
    const jobs = (await printer.settle()).slice(before);
    expect(jobs).toHaveLength(1);
    expect(printer.text(jobs[0]!)).toContain(`#${order.orderNumber}`);
    // No printer set: nothing is sent, the browser prints.
    await t.caller(manager).store.setTicketPrinter({ storeId: midtown, printer: null });
    const none = await t.caller(crew).order.reprintTicket({ orderId: order.id, kind: "kitchen" });
    expect(none.network).toBeNull();
  });
});
