// The moments' messages: every moment in every language has a subject, text and HTML; what a person typed
// is escaped in HTML; SMS stay within one segment (160 GSM characters, 70 in Japanese).
import { describe, expect, it } from "vitest";
import { MESSAGE_LOCALES } from "./i18n.ts";
import { type MomentData, ORDER_MOMENTS, orderMomentMessage, orderMomentSms } from "./order-moments.ts";

const data = (locale: string): MomentData => ({
  locale,
  customerName: "<b>Ana</b>",
  orderNumber: 123456,
  storeName: "Pizza Mitte",
  storePhone: "+49 30 1234567",
  refund: "12,50 €",
  reason: "Out of <dough>",
  minutes: 2,
  time: "19:30",
});

describe("order moment templates", () => {
  it.each(MESSAGE_LOCALES)("writes every moment in %s, escaped, with short SMS", (locale) => {
    for (const moment of ORDER_MOMENTS) {
      const m = orderMomentMessage(moment, data(locale));
      expect(m.subject.length).toBeGreaterThan(5);
      expect(`${m.subject}\n${m.text}`).toContain("123456");
      expect(m.html).toContain(`<html lang="${locale}">`);
      expect(m.html).not.toContain("<b>Ana</b>");
      expect(m.html).not.toContain("<dough>");
      const sms = orderMomentSms(moment, data(locale));
      expect(sms).toContain("123456");
      expect(sms.length).toBeLessThanOrEqual(locale === "ja" ? 70 : 160);
    }
  });

  it("states the refund on a cancellation and the store's reason on a refusal", () => {
    expect(orderMomentMessage("order_cancelled", data("en")).text).toContain(
      "A refund of 12,50 € is on its way",
    );
    expect(orderMomentMessage("order_refused", data("de")).text).toContain(
      "Die Filiale schreibt: Out of <dough>",
    );
    expect(orderMomentMessage("order_refused", data("de")).html).toContain("Out of &lt;dough&gt;");
    expect(orderMomentMessage("order_expired", { ...data("en"), refund: null }).text).not.toContain(
      "refund of",
    );
  });
});
