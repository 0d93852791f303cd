// Receipts end to end: an order placed in the test platform reaches a real SMTP server through the event
// stream, the queue and the sender sweep; a replayed event sends nothing twice; an SMTP outage delays a
// receipt, never loses it; a message that keeps failing is shown to admins. Plus a verification code in German.
import { formatMoney } from "@pizza/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent } from "../../events/event-bus.ts";
import { failure } from "../../testing/assertions.ts";
import { aCustomer, aDeliveryOrder, anAdmin, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { type ReceivedMail, startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp-server.ts";
import { Codes } from "../auth/codes.ts";
import { card } from "../payments/payments.test-support.ts";
import { enqueueNotification } from "./delivery-queue.ts";
import { enqueueJob } from "./notification-jobs.ts";
import { escapeHtml } from "./templates/html.ts";

describe.each(backings)("receipts by email on $name", (backing) => {
  let smtp: TestSmtpServer;
  let t: TestPlatform;
  let mitte: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestPlatform(backing, {
      seed: true,
      env: {
        NOTIFIER: "smtp",
        SMTP_URL: smtp.url,
        MAIL_FROM: "Pizza Berlin <bestellung@pizza.example>",
        NOTIFY_SWEEP_MS: "50",
        NOTIFY_RETRY_BASE_MS: "100",
        NOTIFY_MAX_ATTEMPTS: "3",
        PUBLIC_URL: "https://pizza.example/",
      },
    });
    mitte = await storeId(t, "ber-mitte");
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const emailOf = async (userId: string) =>
    (
      await t.platform.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow()
    ).email!;
  const cashOrderIn = (store: string, tip = 0) =>
    aDeliveryOrder(store, { paymentMethod: "cash", tip }, { lat: 52.5251, lng: 13.4035 });
  const placedEvent = async (orderId: string) => {
    const row = await t.platform.db
      .selectFrom("outbox")
      .select(["id", "topic", "aggregate_id", "payload", "created_at"])
      .where("aggregate_id", "=", orderId)
      .where("topic", "=", "order.placed")
      .executeTakeFirstOrThrow();
    return row;
  };
  /** Resolves once the receipt consumer has handled placement `eventId` (its receipt's job row exists). */
  const handled = async (eventId: string) => {
    for (let i = 0; i < 200; i++) {
      const row = await t.platform.db
        .selectFrom("notification_jobs")
        .select("event_id")
        .where("kind", "=", "order_receipt")
        .where("event_id", "=", eventId)
        .executeTakeFirst();
      if (row) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the receipt consumer did not handle event ${eventId} within 5 s`);
  };
  // Waits for the sweep in flight (the one that sent the message) to record its outcome.
  const deliveryRows = async (eventId: string) => {
    await t.platform.services.notifications.sender.sweep();
    return t.platform.db
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("event_id", "=", eventId)
      .execute();
  };

  it("sends the receipt of a placed order, with its lines and amounts in both parts, escaped, in German", async () => {
    const me = await aCustomer(t, { name: "<script>alert(1)</script> Jürgen", locale: "de-DE" });
    const to = await emailOf(me.id);
    const order = await t.caller(me).order.placeOrder(cashOrderIn(mitte, 250));
    expect(order.status).toBe("placed");

    const mail = (await smtp.waitFor((m) => smtp.to(to).includes(m))).parsed;
    const eur = (minor: number) => formatMoney(minor, "EUR", 2, "de-DE");
    expect(mail.subject).toBe(`Ihre Quittung für Bestellung Nr. ${order.orderNumber}`);
    expect(mail.from?.value[0]?.address).toBe("bestellung@pizza.example");
    expect(mail.messageId).toMatch(/@pizza\.example>$/);
    const text = mail.text ?? "";
    const html = String(mail.html);
    for (const line of order.items) {
      expect(text).toContain(eur(line.lineTotal));
      expect(html).toContain(eur(line.lineTotal));
    }
    // The lines as the German menu names them (the order keeps the English names it was placed with).
    expect(text).toContain("1 × Peperoni (Groß 35 cm)");
    expect(html).toContain(escapeHtml("1 × Margherita (Groß 35 cm)"));
    expect(text).toContain(`Zwischensumme: ${eur(order.subtotal)}`);
    expect(text).toContain(`Trinkgeld: ${eur(250)}`);
    expect(text).toContain(`Gesamt: ${eur(order.total)}`);
    if (order.deliveryFee > 0) expect(text).toContain(`Liefergebühr: ${eur(order.deliveryFee)}`);
    if (order.tax > 0) expect(text).toContain(eur(order.tax));
    expect(text).toContain("Lieferung an: 1 Test Street, Test City");
    expect(html).toContain(eur(order.total));
    expect(html).toContain("Gesamt");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Jürgen");
    expect(html).not.toContain("<script>");
    // The tracking link (issue 16): the one the owner's tracker shows, opening the order without an account.
    const { token } = await t.caller(me).order.trackLink({ orderId: order.id });
    expect(text).toContain(`Bestellung auf jedem Gerät verfolgen: https://pizza.example/t/${token}`);
    expect(html).toContain(`href="https://pizza.example/t/${token}"`);
    const rows = await deliveryRows((await placedEvent(order.id)).id);
    expect(rows).toMatchObject([{ status: "sent", attempts: 1, kind: "order_receipt", recipient: to }]);
  });

  it("names the sizes, crust, toppings and options of a German customer's lines in German", async () => {
    const me = await aCustomer(t, { locale: "de-DE" });
    const to = await emailOf(me.id);
    await t.caller(me).order.placeOrder({
      ...cashOrderIn(mitte),
      items: [
        {
          itemId: "pepperoni",
          variant: "large",
          crust: "thin",
          toppings: [{ id: "pepperoni", placement: "left", portion: "extra" }],
        },
        { itemId: "chicken_wings", variant: "12pc", options: ["wing_sauce:honey_garlic"] },
      ],
    });
    const mail = (await smtp.waitFor((m) => smtp.to(to).includes(m))).parsed;
    const text = mail.text ?? "";
    expect(text).toContain("1 × Chicken Wings (12 Stück)");
    expect(text).toContain("    Honig-Knoblauch");
    expect(text).toContain("(Groß 35 cm)");
    expect(text).toContain("    Boden: Dünn & knusprig");
    expect(text).toContain("    Peperoni-Salami (linke Hälfte, extra)");
    expect(String(mail.html)).toContain("Boden: Dünn &amp; knusprig");
    expect(text).not.toMatch(/honey|wing_sauce|12pc/);
  });

  it("never sends a replayed order.placed twice (the queue's unique key, then a marker message)", async () => {
    const me = await aCustomer(t, { locale: "en" });
    const to = await emailOf(me.id);
    const order = await t.caller(me).order.placeOrder(cashOrderIn(mitte));
    await smtp.waitFor((m) => smtp.to(to).includes(m));
    const event = await placedEvent(order.id);

    // The event again through the bus (an at-least-once redelivery) and straight into the queue.
    const replay: BusEvent = {
      id: event.id,
      topic: "order.placed",
      aggregateId: event.aggregate_id,
      payload: event.payload as Record<string, unknown>,
      createdAt: new Date(event.created_at).toISOString(),
    };
    await t.platform.events.bus.publish([replay]);
    const again = {
      eventId: event.id,
      moment: "order_receipt",
      userId: me.id,
      payload: { orderId: order.id },
    } as const;
    expect(await enqueueJob(t.platform.db, again)).toBe(false);
    expect(await deliveryRows(event.id)).toHaveLength(1);

    // A marker queued after the replay: once it has arrived, anything the replay queued would have too.
    const marker = `marker-${order.id}`;
    await enqueueNotification(t.platform.db, {
      eventId: marker,
      kind: "order_receipt",
      channel: "email",
      recipient: to,
      locale: "en",
      subject: marker,
      text: "marker",
    });
    await smtp.waitFor((m) => m.parsed.subject === marker);
    expect(smtp.to(to).map((m) => m.parsed.subject)).toEqual([
      `Your receipt for order #${order.orderNumber}`,
      marker,
    ]);
  });

  it("sends a card order's receipt once it is paid, not while it waits for its payment", async () => {
    const me = await aCustomer(t, { locale: "en" });
    const to = await emailOf(me.id);
    const order = await t
      .caller(me)
      .order.placeOrder(aDeliveryOrder(mitte, {}, { lat: 52.5251, lng: 13.4035 }));
    expect(order.status).toBe("pending_payment");
    const unpaid = await placedEvent(order.id);
    // The receipt consumer takes one topic's events in order: once it handled a later order.placed (a cash
    // order's), it has seen the unpaid one, and queued nothing for it (it does not want it at all).
    const cash = await t.caller(me).order.placeOrder(cashOrderIn(mitte));
    await handled((await placedEvent(cash.id)).id);
    expect(await deliveryRows(unpaid.id)).toEqual([]);
    await smtp.waitFor((m) => smtp.to(to).includes(m));
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card("4242 4242 4242 4242") });
    const mail = (
      await smtp.waitFor(
        (m) => smtp.to(to).includes(m) && m.parsed.subject?.includes(`#${order.orderNumber}`) === true,
      )
    ).parsed;
    expect(mail.subject).toBe(`Your receipt for order #${order.orderNumber}`);
    expect(smtp.to(to).map((m) => m.parsed.subject)).toEqual([
      `Your receipt for order #${cash.orderNumber}`,
      `Your receipt for order #${order.orderNumber}`,
    ]);
  });

  it("delays a receipt while the SMTP server refuses, and delivers it after the retry", async () => {
    const me = await aCustomer(t, { locale: "ja" });
    const to = await emailOf(me.id);
    const refusedBefore = smtp.refused();
    smtp.refuse(1);
    const order = await t.caller(me).order.placeOrder(cashOrderIn(mitte));
    expect(order.status).toBe("placed");
    const mail = (await smtp.waitFor((m: ReceivedMail) => smtp.to(to).includes(m))).parsed;
    expect(smtp.refused()).toBe(refusedBefore + 1);
    expect(mail.subject).toBe(`ご注文 #${order.orderNumber} の領収書`);
    const [row] = await deliveryRows((await placedEvent(order.id)).id);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(row?.last_error).toBeNull();
  });

  it("marks a message failed after its last attempt and shows it to admins only", async () => {
    const me = await aCustomer(t);
    const to = await emailOf(me.id);
    smtp.refuse(3);
    const order = await t.caller(me).order.placeOrder(cashOrderIn(mitte));
    const eventId = (await placedEvent(order.id)).id;
    const admin = await anAdmin(t);
    let failed = await t.caller(admin).notifications.failed();
    // The sweep runs every 50 ms and retries after 100 and 200 ms: poll the admin's view until it shows up.
    for (let i = 0; i < 100 && !failed.some((f) => f.eventId === eventId); i++) {
      await new Promise((r) => setTimeout(r, 50));
      failed = await t.caller(admin).notifications.failed();
    }
    expect(failed.find((f) => f.eventId === eventId)).toMatchObject({
      recipient: to,
      attempts: 3,
      lastError: expect.stringContaining("Mailbox temporarily unavailable"),
    });
    expect(smtp.to(to)).toEqual([]);
    expect(await failure(t.caller(me).notifications.failed())).toMatchObject({ code: "FORBIDDEN" });
  });

  it("sends a verification code in German to an account whose locale is German", async () => {
    const me = await aCustomer(t, { locale: "de" });
    const to = await emailOf(me.id);
    const codes = new Codes({
      db: t.platform.db,
      rateLimiter: t.platform.rateLimiter,
      notifier: t.platform.notifier,
    });
    await codes.send(me.id, "email", to);
    const mail = (await smtp.waitFor((m) => smtp.to(to).includes(m))).parsed;
    expect(mail.subject).toBe("Ihr Bestätigungscode");
    expect(mail.text).toMatch(/Ihr Pizza-Bestätigungscode lautet \d{6}\. Er ist 10 Minuten gültig\./);
    const code = /lautet (\d{6})/.exec(mail.text ?? "")?.[1];
    expect(String(mail.html)).toContain(`<b>${code}</b>`);
  });
});
