// The segment counter, and every SMS template in every locale within one segment (GSM-7 for en and de,
// UCS-2 for ja) for usual values and long ones (a five-digit order number, a long store name, a tracking link).
import { describe, expect, it } from "vitest";
import { MESSAGE_LOCALES } from "./i18n.ts";
import { arrivingSms, onItsWaySms, receiptSms } from "./order-sms.ts";
import { smsSegments } from "./sms-segments.ts";
import { fitOneSegment, plainSms } from "./sms-text.ts";
import { signUpNoticeSms, verificationCodeSms } from "./verification-code-sms.ts";

describe("SMS segments", () => {
  it("counts GSM-7 septets: 160 in one segment, 153 per part after that, extension characters twice", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
    expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("€".repeat(81)).segments).toBe(2);
    expect(smsSegments("Grüße aus München, Ä Ö Ü ß é ñ ¿ @ £ ¥").encoding).toBe("GSM-7");
  });

  it("falls back to UCS-2 for anything else: 70 units in one segment, 67 per part, an emoji takes two", () => {
    expect(smsSegments("あ".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(smsSegments("あ".repeat(71)).segments).toBe(2);
    expect(smsSegments("あ".repeat(134)).segments).toBe(2);
    expect(smsSegments("あ".repeat(135)).segments).toBe(3);
    expect(smsSegments("ç")).toMatchObject({ encoding: "UCS-2" }); // only the capital Ç is GSM-7
    expect(smsSegments(`${"a".repeat(68)}😀`)).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(smsSegments(`${"a".repeat(69)}😀`).segments).toBe(2);
  });

  it("replaces typography outside GSM-7 (no-break spaces in amounts, curly quotes, dashes, ellipsis)", () => {
    const text = plainSms("17,33\u00a0€ \u2018Luigi\u2019s\u2019 \u2013 \u201cok\u201d\u2026");
    expect(text).toBe("17,33 € 'Luigi's' - \"ok\"...");
    expect(smsSegments(text).encoding).toBe("GSM-7");
  });

  it("shortens the free-form part until the text fits one segment", () => {
    const text = fitOneSegment((name) => `Pick it up at ${name}.`, "Pizzeria ".repeat(30));
    expect(smsSegments(text).segments).toBe(1);
    expect(text).toMatch(/^Pick it up at Pizzeria .*\.\.\.\.$/);
  });
});

const usual = { orderNumber: 42, storeName: "Downtown", etaMinutes: 12 };
const long = {
  orderNumber: 98765,
  storeName: "Pizza Pronto Alexanderplatz Nord (Karl-Marx-Allee)",
  etaMinutes: 45,
  trackUrl: "https://pizza.example/t/AB12CD",
};
const totals = { en: ["USD", 2, 123456], de: ["EUR", 2, 123456], ja: ["JPY", 0, 1234567] } as const;

describe.each(MESSAGE_LOCALES)("SMS templates in %s", (locale) => {
  const encoding = locale === "ja" ? "UCS-2" : "GSM-7";
  const [currency, currencyDigits, total] = totals[locale];
  const texts = (v: typeof usual & { trackUrl?: string }) => ({
    verification: verificationCodeSms({ locale, code: "012345", minutes: 10 }).text,
    signUpNotice: signUpNoticeSms({ locale }).text,
    receiptDelivery: receiptSms({ locale, ...v, channel: "delivery", total, currency, currencyDigits }).text,
    receiptCarryout: receiptSms({ locale, ...v, channel: "carryout", total, currency, currencyDigits }).text,
    onItsWay: onItsWaySms({ locale, ...v }).text,
    arriving: arrivingSms({ locale, orderNumber: v.orderNumber }).text,
  });

  it.each([
    ["usual values", usual],
    ["long values", long],
  ])("keeps every template in one %s segment with %s", (_name, values) => {
    for (const [template, text] of Object.entries(texts(values))) {
      const s = smsSegments(text);
      expect({ template, text, ...s }).toMatchObject({ template, encoding, segments: 1 });
    }
  });

  it("says the order, the amount and the store", () => {
    const t = texts(usual);
    expect(t.verification).toMatch(/^012345 /);
    expect(t.receiptDelivery).toContain("42");
    expect(t.receiptDelivery).toContain("Downtown");
    expect(t.receiptCarryout).toMatch(locale === "ja" ? /1,234,567/ : /1[,.]234[,.]56/);
    expect(t.onItsWay).toContain("12");
  });
});
