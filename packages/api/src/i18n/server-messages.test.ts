// Issue 16, finding 3: what the server says reaches a German or Japanese customer in their language.
// The same refusal (a Berlin delivery below the minimum) in German for a German account and in English
// for an English one, with the money in each reader's format; the app's chosen language (`x-locale`)
// before the account's; Accept-Language for a stranger over HTTP; a promo note on a quote translated;
// why an order was cancelled: the server's reason in the reader's language, staff's words as typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnpaidExpiry } from "../modules/orders/unpaid-expiry.ts";
import { createCaller } from "../root.ts";
import { failure } from "../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDeliveryOrder,
  aSide,
  aStaff,
  NEAR,
  storeId,
} from "../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../testing/harness.ts";
import { createContextInner } from "../trpc.ts";

const real = backings.find((b) => b.db === "postgres")!;

describe("server messages in the customer's language (real PostgreSQL)", () => {
  let t: TestPlatform;
  let mitte: string;
  let shibuya: string;

  beforeAll(async () => {
    t = await createTestPlatform(real, { seed: true });
    mitte = await storeId(t, "ber-mitte");
    shibuya = await storeId(t, "tyo-shibuya");
  });
  afterAll(async () => {
    await t?.close();
  });

  const tooSmall = () => aDeliveryOrder(mitte, { items: [aSide("cola", "500ml", 1)] }, NEAR["ber-mitte"]);

  it("refuses a delivery below the minimum in German to a German customer and in English to an English one", async () => {
    const german = await failure(
      t.caller(await aCustomer(t, { locale: "de-DE" })).order.placeOrder(tooSmall()),
    );
    expect(german.code).toBe("PRECONDITION_FAILED");
    expect(german.message).toMatch(
      /^Lieferung ab 12,00\s€; füge noch \d+,\d{2}\s€ hinzu oder wähle Abholung\.$/,
    );

    const english = await failure(
      t.caller(await aCustomer(t, { locale: "en" })).order.placeOrder(tooSmall()),
    );
    expect(english.message).toMatch(
      /^Delivery starts at €12\.00; add €\d+\.\d{2} more or choose carryout\.$/,
    );
  });

  it("answers in the language the app shows before the account's saved one", async () => {
    const user = await aCustomer(t, { locale: "de-DE" });
    const japanese = createCaller(createContextInner({ platform: t.platform, user, locale: "ja-JP" }));
    const refused = await failure(japanese.order.placeOrder(tooSmall()));
    expect(refused.message).toMatch(/^配達は€12\.00からです。/);
    // A language the server does not speak falls through to the account's.
    const french = createCaller(createContextInner({ platform: t.platform, user, locale: "fr-FR" }));
    expect((await failure(french.order.placeOrder(tooSmall()))).message).toMatch(/^Lieferung ab/);
  });

  it("says a dropped promo code's note on a quote in the customer's language", async () => {
    const caller = t.caller(await aCustomer(t, { locale: "de" }));
    const quote = await caller.order.quote({
      channel: "carryout",
      storeId: mitte,
      items: [aSide("cola", "500ml", 1)],
      tip: 0,
      promoCode: "NOSUCHCODE",
    });
    expect(quote.promo).toMatchObject({ applied: false, reason: "Den Code NOSUCHCODE kennen wir nicht." });
  });

  it("tells a German customer why an order was cancelled: the server's reasons in German, staff's words as typed", async () => {
    const kunde = await aCustomer(t, { locale: "de-DE" });
    const customer = t.caller(kunde);
    const reasonOf = async (orderId: string) => (await customer.order.trackOrder({ orderId })).cancelReason;

    // Unpaid past its time: the expiry sweep cancels it with the catalog's sentence.
    const unpaid = await customer.order.placeOrder(aCarryoutOrder(mitte, { paymentMethod: "card" }));
    const ttlMs = 15 * 60_000;
    const expiry = new UnpaidExpiry({
      db: t.platform.db,
      orders: t.platform.services.orders,
      ttlMs,
      actionTtlMs: ttlMs,
    });
    await expiry.sweep(new Date(Date.now() + ttlMs + 60_000));
    const german =
      "Wir haben diese Bestellung storniert, weil die Zahlung nicht innerhalb von 15 Minuten abgeschlossen wurde. Es wurde nichts abgebucht.";
    expect(await reasonOf(unpaid.id)).toBe(german);
    expect((await customer.order.getOrder({ orderId: unpaid.id })).cancelReason).toBe(german);
    // Kept as its catalog key and arguments beside the English text (staff tools and logs read that).
    const stored = await t.platform.db
      .selectFrom("orders")
      .select(["cancel_reason", "cancel_reason_key", "cancel_reason_args"])
      .where("id", "=", unpaid.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      cancel_reason:
        "We cancelled this order because its payment was not completed within 15 minutes. Nothing was charged.",
      cancel_reason_key: "order.expiredUnpaid",
      cancel_reason_args: { minutes: 15 },
    });

    // The store's words are repeated as typed, even words that read like the server's own English sentence.
    const staff = t.caller(await aStaff(t, "ber-mitte"));
    const typed = [
      "Der Ofen ist ausgefallen – entschuldige bitte!",
      "We cancelled this order because its payment was not completed within 20 minutes. Nothing was charged.",
    ];
    for (const reason of typed) {
      const order = await customer.order.placeOrder(aCarryoutOrder(mitte));
      await staff.order.cancelOrder({ orderId: order.id, reason });
      expect(await reasonOf(order.id)).toBe(reason);
    }

    // Cancelled with no reason given: the catalog's "cancelled by the customer", in German.
    const mine = await customer.order.placeOrder(aCarryoutOrder(mitte));
    await customer.order.cancelOrder({ orderId: mine.id });
    expect(await reasonOf(mine.id)).toBe("von der Kundin oder dem Kunden storniert");
  });

  it("speaks the Accept-Language of a stranger over HTTP, and x-locale wins over it", async () => {
    const server = await startTestServer(t.platform);
    try {
      const input = encodeURIComponent(
        JSON.stringify({
          channel: "carryout",
          storeId: shibuya,
          items: [aSide("cola", "500ml", 1)],
          tip: 100,
        }),
      );
      const ask = async (headers: Record<string, string>) => {
        const res = await fetch(`${server.url}/trpc/order.quote?input=${input}`, { headers });
        const body = (await res.json()) as { error: { message: string; data: { httpStatus: number } } };
        return body.error;
      };
      const german = await ask({ "accept-language": "fr;q=0.9, de-DE;q=0.8, en;q=0.5" });
      expect(german.data.httpStatus).toBe(400);
      expect(german.message).toMatch(/nimmt kein Trinkgeld an/);
      const japanese = await ask({ "accept-language": "de-DE", "x-locale": "ja-JP" });
      expect(japanese.message).toMatch(/チップを受け付けていません/);
      expect((await ask({})).message).toMatch(/does not take tips/);
    } finally {
      await server.close();
    }
  });
});
