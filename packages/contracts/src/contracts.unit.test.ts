import { describe, expect, it } from "vitest";
import { formatMoney, haversineM, toMinor } from "./index.ts";

describe("contracts", () => {
  it("formats minor units with the region's digits, in the customer's locale", () => {
    expect(formatMoney(1733, "EUR", 2, "de-DE")).toBe("17,33\u00a0€");
    expect(formatMoney(1733, "EUR", 2, "en-US")).toBe("€17.33");
    expect(formatMoney(1800, "JPY", 0, "ja-JP")).toBe("￥1,800");
    expect(formatMoney(1800, "USD", 2, "en-US")).toBe("$18.00");
  });

  it("turns a typed decimal into minor units", () => {
    expect(toMinor("12.5", 2)).toBe(1250);
    expect(toMinor("12,5", 2)).toBe(1250);
    expect(toMinor("1800", 0)).toBe(1800);
    expect(toMinor("abc", 2)).toBeUndefined();
  });

  it("measures great-circle distance in metres", () => {
    // Manhattan to Hoboken is about 3.3 km; one degree of latitude about 111.2 km.
    expect(haversineM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -2);
    expect(haversineM({ lat: 40.7, lng: -74 }, { lat: 40.7, lng: -74 })).toBe(0);
  });
});
