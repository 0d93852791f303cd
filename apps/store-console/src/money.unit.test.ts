import { currencyDigits } from "@pizza/ui";
import { describe, expect, it } from "vitest";
import { money, parseAmount } from "./money.ts";

describe("console money", () => {
  it("formats minor units of a currency known by its code", () => {
    expect(money(1299, "USD", "en-US")).toBe("$12.99");
    expect(money(1200, "JPY", "en-US")).toBe("¥1,200");
  });

  it("converts decimal amounts with the currency's own digits (JPY has none)", () => {
    const usd = currencyDigits("USD");
    const eur = currencyDigits("EUR");
    const jpy = currencyDigits("JPY");
    expect([usd, eur, jpy]).toEqual([2, 2, 0]);
    expect(parseAmount("12.5", usd)).toBe(1250);
    expect(parseAmount("12,05", eur)).toBe(1205);
    expect(parseAmount("7", usd)).toBe(700);
    expect(parseAmount("500", jpy)).toBe(500);
    expect(parseAmount("5.5", jpy)).toBeNull();
    expect(parseAmount("1.234", usd)).toBeNull();
    expect(parseAmount("-1", usd)).toBeNull();
    expect(parseAmount("abc", usd)).toBeNull();
  });
});
