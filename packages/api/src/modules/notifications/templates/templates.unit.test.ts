// The templates on their own: amounts in the region's currency and digits, promo and included tax, the
// pickup store for carryout, every locale, and HTML escaping of what people typed.
import { formatMoney } from "@pizza/contracts";
import { describe, expect, it } from "vitest";
import { messageLocale } from "./i18n.ts";
import { orderReceiptMessage, type ReceiptData } from "./order-receipt.ts";
import { verificationCodeMessage } from "./verification-code.ts";

const receipt = (over: Partial<ReceiptData> = {}): ReceiptData => ({
  locale: "ja-JP",
  orderNumber: 42,
  customerName: 'Taro <img src=x onerror="alert(1)">',
  channel: "carryout",
  currency: "JPY",
  currencyDigits: 0,
  lines: [
    {
      quantity: 2,
      name: "Margherita",
      variant: "large",
      options: ["thin crust", "basil (left half, extra)"],
      lineTotal: 3600,
    },
  ],
  subtotal: 3600,
  discount: 360,
  promoCode: "WELCOME10",
  deliveryFee: 0,
  tax: 294,
  taxIncluded: true,
  tip: 0,
  total: 3240,
  store: { name: "Shibuya", address: "1-1 Jinnan, Shibuya", phone: "+81 3-0000-0000" },
  address: null,
  ...over,
});

describe("email templates", () => {
  it("writes a Japanese carryout receipt in yen without decimals, with the promo and the included tax", () => {
    const m = orderReceiptMessage(receipt());
    const yen = (n: number) => formatMoney(n, "JPY", 0, "ja-JP");
    expect(m.subject).toBe("ご注文 #42 の領収書");
    expect(m.text).toContain(`2 × Margherita (large)  ${yen(3600)}`);
    expect(m.text).toContain("    basil (left half, extra)");
    expect(m.text).toContain(`割引（プロモコード WELCOME10）: −${yen(360)}`);
    expect(m.text).toContain(`うち消費税: ${yen(294)}`);
    expect(m.text).toContain(`合計: ${yen(3240)}`);
    expect(m.text).toContain("受け取り店舗: Shibuya, 1-1 Jinnan, Shibuya");
    expect(m.text).not.toContain("配達料");
    expect(m.html).toContain("thin crust, basil (left half, extra)");
    expect(m.html).toContain(`<b>${yen(3240)}</b>`);
  });

  it("escapes a customer's name and address in HTML and keeps them as typed in the text", () => {
    const m = orderReceiptMessage(
      receipt({
        locale: "en",
        channel: "delivery",
        address: { line1: "<b>5</b> Main St", city: "Springfield & Co", postalCode: "12345" },
      }),
    );
    expect(m.html).not.toMatch(/<img|<b>5/);
    expect(m.html).toContain("Taro &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(m.html).toContain("&lt;b&gt;5&lt;/b&gt; Main St<br>12345 Springfield &amp; Co");
    expect(m.text).toContain('Hello Taro <img src=x onerror="alert(1)">,');
    expect(m.text).toContain("Delivery to: <b>5</b> Main St, 12345 Springfield & Co");
  });

  it("writes a US receipt with tax on top, delivery fee and tip", () => {
    const usd = (n: number) => formatMoney(n, "USD", 2, "en-US");
    const m = orderReceiptMessage(
      receipt({
        locale: null,
        currency: "USD",
        currencyDigits: 2,
        taxIncluded: false,
        deliveryFee: 399,
        tip: 300,
      }),
    );
    expect(m.text).toContain(`Tax: ${usd(294)}`);
    expect(m.text).toContain(`Delivery fee: ${usd(399)}`);
    expect(m.text).toContain(`Tip: ${usd(300)}`);
  });

  it("gives each deal its own row and the rest of the discount one row (English, German)", () => {
    const usd = (n: number) => formatMoney(n, "USD", 2, "en-US");
    const deals = [
      { name: "Any 2 medium pizzas", times: 2, saving: 500 },
      { name: "Family box", times: 1, saving: 250 },
    ];
    const m = orderReceiptMessage(
      receipt({ locale: "en", currency: "USD", currencyDigits: 2, discount: 1110, deals }),
    );
    expect(m.text).toContain(`Deal: Any 2 medium pizzas (× 2): −${usd(500)}`);
    expect(m.text).toContain(`Deal: Family box: −${usd(250)}`);
    expect(m.text).toContain(`Discount (promo WELCOME10): −${usd(360)}`);
    expect(m.html).toContain(`Deal: Family box</td><td style="text-align: right">−${usd(250)}`);
    const onlyDeals = orderReceiptMessage(receipt({ locale: "de", discount: 750, deals, promoCode: null }));
    expect(onlyDeals.text).toContain("Angebot: Any 2 medium pizzas (× 2)");
    expect(onlyDeals.text).not.toContain("Rabatt");
  });

  it("writes a German receipt with each VAT rate's net base and tax", () => {
    const eur = (n: number) => formatMoney(n, "EUR", 2, "de-DE"); // Intl puts a no-break space before "%"
    const m = orderReceiptMessage(
      receipt({
        locale: "de",
        currency: "EUR",
        currencyDigits: 2,
        channel: "delivery",
        address: { line1: "Torstr. 1", city: "Berlin" },
        deliveryFee: 249,
        tax: 128,
        taxLines: [
          { ratePpm: 70_000, base: 1191, tax: 83 },
          { ratePpm: 190_000, base: 238, tax: 45 },
        ],
      }),
    );
    expect(m.text).toContain(`Enthaltene MwSt. 7\u00a0% auf netto ${eur(1191)}: ${eur(83)}`);
    expect(m.text).toContain(`Enthaltene MwSt. 19\u00a0% auf netto ${eur(238)}: ${eur(45)}`);
    expect(m.html).toContain(`Enthaltene MwSt. 19\u00a0% auf netto ${eur(238)}`);
  });

  it("writes the verification code in en, de and ja, English for other languages", () => {
    expect(verificationCodeMessage({ locale: "de-AT", code: "123456", minutes: 10 })).toMatchObject({
      subject: "Ihr Bestätigungscode",
      text: "Ihr Pizza-Bestätigungscode lautet 123456. Er ist 10 Minuten gültig.",
    });
    expect(verificationCodeMessage({ locale: "ja", code: "123456", minutes: 10 }).text).toContain("123456");
    expect(verificationCodeMessage({ locale: "fr", code: "123456", minutes: 10 }).text).toBe(
      "Your Pizza verification code is 123456. It expires in 10 minutes.",
    );
    expect(messageLocale(undefined)).toBe("en");
  });
});
