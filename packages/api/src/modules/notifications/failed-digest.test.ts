// The staff failed-delivery digest on real PostgreSQL and a real SMTP server: receipts of orders at three
// stores fail for good (the mail provider refuses them), then the digest of that window goes to the staff
// of each store that chose it, with their store's failures only, to the admin who chose it with all of
// them, once however often (and on however many nodes) the window is queued, and to nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification, Notifier } from "../../infra/notifier.ts";
import { PermanentDeliveryError } from "../../infra/notifier-errors.ts";
import { SmtpNotifier } from "../../infra/notifier-smtp.ts";
import { aCarryoutOrder, aCustomer, anAdmin, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp-server.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { queueFailedDigests } from "./failed-digests.ts";

/** The mail provider refuses every receipt (a permanent failure); everything else reaches the SMTP server. */
class RefusingReceipts implements Notifier {
  constructor(private readonly email: Notifier) {}
  async send(message: Notification): Promise<void> {
    if (message.kind === "order_receipt") throw new PermanentDeliveryError("mailbox unavailable");
    await this.email.send(message);
  }
}

const postgres = backings.find((b) => b.db === "postgres")!;

describe("the failed-delivery digest on real PostgreSQL", () => {
  let smtp: TestSmtpServer;
  let t: TestPlatform;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const notifier = new RefusingReceipts(new SmtpNotifier(smtp.url, "Pizza <hello@pizza.example>"));
    t = await createTestPlatform(postgres, { seed: true, notifier });
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const seeded = async (email: string): Promise<AuthUser> => {
    const row = await t.platform.db
      .selectFrom("users")
      .select(["id", "name", "role", "store_id"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return { id: row.id, role: row.role, storeId: row.store_id, name: row.name };
  };
  const sweep = () => t.platform.services.notifications.sender.sweep();
  const digests = (to: string) =>
    smtp
      .to(to)
      .filter((m) =>
        /could not be delivered|nicht zugestellt|配信できませんでした/.test(m.parsed.subject ?? ""),
      );

  it("tells each store's staff who chose it of their store's failures, the admin of all, once", async () => {
    const start = new Date(Date.now() - 1000);
    const [mitte, midtown, shibuya] = await Promise.all(
      ["ber-mitte", "nyc-midtown", "tyo-shibuya"].map((slug) => storeId(t, slug)),
    );
    const crewA = await seeded("staff.ber-mitte@pizza.example");
    const managerA = await seeded("manager.ber-mitte@pizza.example");
    const managerB = await seeded("manager.nyc-midtown@pizza.example");
    const crewC = await seeded("staff.tyo-shibuya@pizza.example");
    const admin = await anAdmin(t);
    for (const user of [crewA, managerB, admin])
      await t.caller(user).notifications.setPreference({ kind: "failed_digest", channels: ["email"] });
    // Manager A chose it and then turned it off; crew C never chose it (off by default).
    await t.caller(managerA).notifications.setPreference({ kind: "failed_digest", channels: ["email"] });
    await t.caller(managerA).notifications.setPreference({ kind: "failed_digest", channels: [] });

    const customer = await aCustomer(t);
    const orderA = await t.caller(customer).order.placeOrder(aCarryoutOrder(mitte!));
    const orderB = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown!));
    const orderC = await t.caller(customer).order.placeOrder(aCarryoutOrder(shibuya!));
    await until("the three receipts failed for good", async () => {
      await sweep();
      const failed = await t.platform.db
        .selectFrom("notification_deliveries")
        .select("id")
        .where("kind", "=", "order_receipt")
        .where("status", "=", "failed")
        .execute();
      return failed.length === 3;
    });
    const window = { start, end: new Date(Date.now() + 1000) };

    // Two nodes queue the same window at once, then one reruns it: three digests in all.
    const queued = await Promise.all([
      queueFailedDigests(t.platform.db, window),
      queueFailedDigests(t.platform.db, window),
    ]);
    expect(queued[0] + queued[1]).toBe(3);
    expect(await queueFailedDigests(t.platform.db, window)).toBe(0);

    const emailOf = async (u: AuthUser) =>
      (
        await t.platform.db
          .selectFrom("users")
          .select("email")
          .where("id", "=", u.id)
          .executeTakeFirstOrThrow()
      ).email!;
    const [toCrewA, toManagerA, toManagerB, toCrewC, toAdmin] = await Promise.all(
      [crewA, managerA, managerB, crewC, admin].map(emailOf),
    );
    await until("the three digests", async () => {
      await sweep();
      return [toCrewA, toManagerB, toAdmin].every((to) => digests(to!).length > 0);
    });
    await sweep();
    expect(await queueFailedDigests(t.platform.db, window)).toBe(0);
    await sweep();

    const [a] = digests(toCrewA!);
    expect(digests(toCrewA!)).toHaveLength(1);
    expect(a!.parsed.subject).toMatch(/^1 Nachricht nicht zugestellt \(Berlin Mitte, /);
    expect(a!.parsed.text).toContain(
      `Bestellung #${orderA.orderNumber} · order_receipt (email) · not retried: mailbox unavailable`,
    );
    expect(a!.parsed.text).not.toContain(`#${orderB.orderNumber} `);
    expect(a!.parsed.text).not.toContain(`#${orderC.orderNumber} `);

    const [b] = digests(toManagerB!);
    expect(digests(toManagerB!)).toHaveLength(1);
    expect(b!.parsed.subject).toMatch(/^1 message could not be delivered/);
    expect(b!.parsed.text).toContain(`order #${orderB.orderNumber} · order_receipt`);
    expect(b!.parsed.text).not.toContain(`#${orderA.orderNumber} `);

    const [all] = digests(toAdmin!);
    expect(digests(toAdmin!)).toHaveLength(1);
    expect(all!.parsed.subject).toMatch(/^3 messages could not be delivered \(all stores, /);
    for (const o of [orderA, orderB, orderC]) expect(all!.parsed.text).toContain(`order #${o.orderNumber} ·`);
    expect(String(all!.parsed.html)).toContain("not retried: mailbox unavailable");

    expect(digests(toManagerA!)).toHaveLength(0);
    expect(digests(toCrewC!)).toHaveLength(0);
    const jobs = await t.platform.db
      .selectFrom("notification_jobs")
      .select(["user_id", "event_id", "status"])
      .where("kind", "=", "failed_digest")
      .execute();
    expect(jobs.map((j) => j.user_id).sort()).toEqual([crewA.id, managerB.id, admin.id].sort());
    expect(jobs.every((j) => j.status === "done")).toBe(true);
    expect(jobs.map((j) => j.event_id)).toContain(`failed-digest:${admin.id}:${start.toISOString()}`);
  });

  it("queues nothing for a window without failures", async () => {
    const hourAgo = Date.now() - 3 * 3600_000;
    const window = { start: new Date(hourAgo), end: new Date(hourAgo + 3600_000) };
    expect(await queueFailedDigests(t.platform.db, window)).toBe(0);
  });
});
