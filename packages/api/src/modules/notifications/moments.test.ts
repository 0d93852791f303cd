// An order's moments end to end, on a real SMTP server (email) and an in-memory SMS outbox (the SMS adapter
// is another slice): cancelled with its refund, refunded, refused by the store with its reason, expired
// unpaid with why, on its way, a scheduled order's reminder; each in the customer's language with the
// region's amounts, each once (a replayed event queues nothing); and the user's channel choice is obeyed
// (SMS chosen: an SMS and no email).
import { randomUUID } from "node:crypto";
import { formatMoney } from "@pizza/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification, Notifier } from "../../infra/notifier.ts";
import { SmtpNotifier } from "../../infra/notifier-smtp.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import { aCarryoutOrder, aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { type ReceivedMail, startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp-server.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { UnpaidExpiry } from "../orders/unpaid-expiry.ts";
import { card } from "../payments/payments.test-support.ts";
import { enqueueJob } from "./notification-jobs.ts";
import { queueReminders } from "./scheduled-reminders.ts";

/** Email to the SMTP server, SMS kept here (what the SMS adapter would have sent). */
class SplitNotifier implements Notifier {
  readonly sms: Notification[] = [];
  constructor(private readonly email: Notifier) {}
  async send(message: Notification): Promise<void> {
    if (message.channel === "sms") this.sms.push(message);
    else await this.email.send(message);
  }
}

describe.each(backings)("an order's moments on $name", (backing) => {
  let smtp: TestSmtpServer;
  let t: TestPlatform;
  let notifier: SplitNotifier;
  let mitte: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    notifier = new SplitNotifier(new SmtpNotifier(smtp.url, "Pizza <hello@pizza.example>"));
    t = await createTestPlatform(backing, {
      seed: true,
      notifier,
      env: { NOTIFY_SWEEP_MS: "50", NOTIFY_RETRY_BASE_MS: "100", NOTIFY_MAX_ATTEMPTS: "3" },
    });
    mitte = await storeId(t, "ber-mitte");
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const eur = (minor: number, locale = "de-DE") => formatMoney(minor, "EUR", 2, locale);
  const emailOf = async (userId: string) =>
    (
      await t.platform.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow()
    ).email!;
  const mailTo = (to: string, subject: string): Promise<ReceivedMail> =>
    smtp.waitFor((m) => smtp.to(to).includes(m) && m.parsed.subject === subject);
  const cashOrder = (store = mitte) =>
    aDeliveryOrder(store, { paymentMethod: "cash" }, { lat: 52.5251, lng: 13.4035 });
  const withPhone = async (locale: string): Promise<AuthUser> => {
    const phone = `+49151${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const row = await t.platform.db
      .insertInto("users")
      .values({
        email: `phone-${randomUUID()}@example.com`,
        phone,
        phone_verified_at: new Date(),
        password_hash: "test-only",
        name: "Paula",
        role: "customer",
        locale,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    return { id: row.id, role: "customer", storeId: null, name: row.name };
  };

  it("keeps each user's choices: defaults, only reachable channels, marketing only with consent", async () => {
    const me = await aCustomer(t);
    const mine = t.caller(me).notifications;
    const before = await mine.preferences();
    expect(before.available).toEqual(["email"]);
    expect(before.kinds.map((k) => [k.kind, k.channels, k.isDefault])).toEqual([
      ["receipts", ["email"], true],
      ["order_status", ["email"], true],
      ["arriving", ["email"], true],
      ["marketing", [], true],
    ]);
    await expect(mine.setPreference({ kind: "order_status", channels: ["sms"] })).rejects.toThrow(
      "Add and verify a phone number first.",
    );
    await expect(mine.setPreference({ kind: "marketing", channels: ["email"] })).rejects.toThrow(/consent/);
    await expect(mine.setPreference({ kind: "new_offer", channels: ["email"] })).rejects.toThrow(/new_offer/);
    await expect(mine.setPreference({ kind: "receipts", channels: ["push"] })).rejects.toThrow(
      "These messages cannot be sent by push notification, only by email or SMS.",
    );
    expect(before.kinds.find((k) => k.kind === "receipts")?.choosable).toEqual(["email", "sms"]);
    const subscribed = await mine.setPreference({ kind: "marketing", channels: ["email"], consent: true });
    expect(subscribed.kinds.find((k) => k.kind === "marketing")).toMatchObject({
      channels: ["email"],
      isDefault: false,
    });
    expect(subscribed.kinds.find((k) => k.kind === "marketing")?.consentedAt).toMatch(/^\d{4}-/);
    const off = await mine.setPreference({ kind: "marketing", channels: [] });
    expect(off.kinds.find((k) => k.kind === "marketing")).toMatchObject({ channels: [], consentedAt: null });

    const phoned = await withPhone("en");
    const p = await t.caller(phoned).notifications.preferences();
    expect(p.available).toEqual(["email", "sms"]);
    expect(p.kinds.find((k) => k.kind === "arriving")?.channels).toEqual(["sms"]);
  });

  it("lets staff choose the failed-deliveries digest, off by default and by email only", async () => {
    const staff = t.caller(await aStaff(t, "ber-mitte")).notifications;
    expect((await staff.preferences()).kinds).toEqual([
      { kind: "failed_digest", channels: [], isDefault: true, consentedAt: null, choosable: ["email"] },
    ]);
    await expect(staff.setPreference({ kind: "failed_digest", channels: ["push"] })).rejects.toThrow(
      "These messages cannot be sent by push notification, only by email.",
    );
    await expect(staff.setPreference({ kind: "new_offer", channels: ["push"] })).rejects.toThrow(/new_offer/);
    const on = await staff.setPreference({ kind: "failed_digest", channels: ["email"] });
    expect(on.kinds[0]).toMatchObject({ channels: ["email"], isDefault: false });
  });

  it("sends the cancellation by SMS only when the customer chose SMS for their order's news", async () => {
    const me = await withPhone("en");
    await t.caller(me).notifications.setPreference({ kind: "order_status", channels: ["sms"] });
    const order = await t.caller(me).order.placeOrder(cashOrder());
    await t.caller(me).order.cancelOrder({ orderId: order.id });
    const sms = await until("the SMS", () =>
      notifier.sms.find((m) => m.text.includes(`order #${order.orderNumber} is cancelled`)),
    );
    expect(sms.kind).toBe("order_cancelled");
    const rows = await t.platform.db
      .selectFrom("notification_deliveries")
      .select("channel")
      .where("kind", "=", "order_cancelled")
      .where("recipient_name", "=", "Paula")
      .where("subject", "like", `%#${order.orderNumber} %`)
      .execute();
    expect(rows).toEqual([{ channel: "sms" }]);
    const email = await emailOf(me.id);
    await mailTo(email, `Your receipt for order #${order.orderNumber}`);
    expect(smtp.to(email).map((m) => m.parsed.subject)).toEqual([
      `Your receipt for order #${order.orderNumber}`,
    ]);
  });

  it("tells a customer who cancelled a paid card order about the refund, then that it is refunded (German)", async () => {
    const me = await aCustomer(t, { locale: "de-DE" });
    const to = await emailOf(me.id);
    const order = await t
      .caller(me)
      .order.placeOrder(aDeliveryOrder(mitte, {}, { lat: 52.5251, lng: 13.4035 }));
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card("4242 4242 4242 4242") });
    await t.caller(me).order.cancelOrder({ orderId: order.id });
    const cancelled = (await mailTo(to, `Bestellung Nr. ${order.orderNumber} ist storniert`)).parsed;
    expect(cancelled.text).toContain(
      `Eine Erstattung von ${eur(order.total)} ist auf dem Weg zu Ihrer Karte.`,
    );
    expect(String(cancelled.html)).toContain(eur(order.total));
    const refunded = (await mailTo(to, `Erstattung für Bestellung Nr. ${order.orderNumber}`)).parsed;
    expect(refunded.text).toContain(
      `Wir haben ${eur(order.total)} für Ihre Bestellung Nr. ${order.orderNumber} erstattet.`,
    );
  });

  it("says why the store refused an order, in Japanese, and a replayed cancellation queues nothing", async () => {
    const me = await aCustomer(t, { locale: "ja" });
    const to = await emailOf(me.id);
    const staff = await aStaff(t, "ber-mitte");
    const order = await t.caller(me).order.placeOrder(cashOrder());
    await t.caller(staff).order.cancelOrder({ orderId: order.id, reason: "Kein Teig mehr <heute>" });
    const mail = await smtp.waitFor(
      (m) => smtp.to(to).includes(m) && /お受けできませんでした/.test(m.parsed.subject ?? ""),
    );
    expect(mail.parsed.subject).toContain(`ご注文 #${order.orderNumber}`);
    expect(mail.parsed.text).toContain("店舗からのメッセージ: Kein Teig mehr <heute>");
    expect(String(mail.parsed.html)).toContain("Kein Teig mehr &lt;heute&gt;");
    const event = await t.platform.db
      .selectFrom("outbox")
      .select("id")
      .where("aggregate_id", "=", order.id)
      .where("topic", "=", "order.cancelled")
      .executeTakeFirstOrThrow();
    const again = {
      eventId: event.id,
      moment: "order_refused",
      userId: me.id,
      payload: { orderId: order.id },
    } as const;
    expect(await enqueueJob(t.platform.db, again)).toBe(false);
  });

  it("tells the customer why an unpaid order expired", async () => {
    const me = await aCustomer(t, { locale: "en" });
    const to = await emailOf(me.id);
    const order = await t
      .caller(me)
      .order.placeOrder(aDeliveryOrder(mitte, {}, { lat: 52.5251, lng: 13.4035 }));
    const expiry = new UnpaidExpiry({
      db: t.platform.db,
      orders: t.platform.services.orders,
      invalidateStore: (s) => t.platform.services.menu.invalidateStore(s),
      ttlMs: 60_000,
      actionTtlMs: 60_000,
    });
    await expiry.sweep(new Date(Date.now() + 10 * 60_000));
    const mail = (await mailTo(to, `Order #${order.orderNumber} was cancelled: payment not completed`))
      .parsed;
    expect(mail.text).toContain("because its payment was not completed in time");
    expect(mail.text).toContain("Nothing was charged.");
  });

  it("says the order is on its way when the driver picks it up", async () => {
    const me = await aCustomer(t, { locale: "de" });
    const to = await emailOf(me.id);
    const order = await t.caller(me).order.placeOrder(cashOrder());
    await t.platform.db.transaction().execute((trx) =>
      writeOutbox(trx, {
        topic: "delivery.picked_up",
        aggregateId: order.id,
        payload: {
          deliveryId: randomUUID(),
          orderId: order.id,
          storeId: mitte,
          customerId: me.id,
          driverId: randomUUID(),
          at: new Date().toISOString(),
        },
      }),
    );
    const mail = (await mailTo(to, `Bestellung Nr. ${order.orderNumber} ist unterwegs`)).parsed;
    expect(mail.text).toContain("ist mit Ihrem Fahrer unterwegs");
  });

  it("reminds the customer of a scheduled order once, with its time in the store's zone", async () => {
    const me = await aCustomer(t, { locale: "en" });
    const to = await emailOf(me.id);
    const at = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 900_000) * 900_000);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(mitte, { paymentMethod: "cash", scheduledFor: at.toISOString() }));
    // Placed just now, it is not reminded (its receipt has just gone out); placed yesterday, it is.
    expect(await queueReminders(t.platform.db, 3 * 3600_000)).toBe(0);
    const yesterday = new Date(Date.now() - 86_400_000);
    await t.platform.db
      .updateTable("orders")
      .set({ created_at: yesterday })
      .where("id", "=", order.id)
      .execute();
    expect(await queueReminders(t.platform.db, 3 * 3600_000)).toBe(1);
    expect(await queueReminders(t.platform.db, 3 * 3600_000)).toBe(0);
    const time = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: "Europe/Berlin" }).format(
      at,
    );
    const mail = (await mailTo(to, `Reminder: order #${order.orderNumber} at ${time}`)).parsed;
    expect(mail.text).toContain(`is scheduled for ${time}`);
  });
});
