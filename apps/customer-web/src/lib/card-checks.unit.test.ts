import { describe, expect, it } from "vitest";
import { de } from "../i18n/de.ts";
import { en } from "../i18n/en.ts";
import { ja } from "../i18n/ja.ts";

const CATALOGS = { en, de, ja } as const;

import { cardProblems, luhnOk, parseExpiry } from "./card-checks.ts";

const JUNE_2026 = new Date(2026, 5, 15);
const good = { number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" };

describe("card checks on the pay page", () => {
  it("accepts numbers with a right Luhn check digit and refuses one wrong digit or a swap", () => {
    for (const n of [
      "4242424242424242",
      "4000000000003220",
      "5555555555554444",
      "378282246310005",
      "79927398713",
    ])
      expect(luhnOk(n)).toBe(true);
    expect(luhnOk("4242424242424241")).toBe(false);
    expect(luhnOk("4242424242424224")).toBe(false);
    expect(luhnOk("79927398710")).toBe(false);
    expect(luhnOk("")).toBe(false);
    expect(luhnOk("4242a")).toBe(false);
  });

  it("reads MM/YY and MM/YYYY and refuses other shapes and impossible months", () => {
    expect(parseExpiry("08/29")).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry(" 8 / 2031 ")).toEqual({ month: 8, year: 2031 });
    expect(parseExpiry("13/29")).toBeUndefined();
    expect(parseExpiry("00/29")).toBeUndefined();
    expect(parseExpiry("0829")).toBeUndefined();
  });

  it("has nothing to say about a good card, and one message key per wrong field otherwise", () => {
    expect(cardProblems(good, JUNE_2026)).toEqual({});
    expect(cardProblems({ ...good, expiry: "06/26" }, JUNE_2026)).toEqual({});
    const p = cardProblems({ number: "4242 4242 4242 4241", expiry: "05/26", cvc: "12" }, JUNE_2026);
    expect(p).toEqual({ number: "card.numberInvalid", expiry: "card.expired", cvc: "card.cvc" });
    expect(cardProblems({ ...good, number: "" }, JUNE_2026).number).toBe("card.numberMissing");
    expect(cardProblems({ ...good, number: "4242 4242" }, JUNE_2026).number).toBe("card.numberLength");
    expect(cardProblems({ ...good, number: "4242-42x2" }, JUNE_2026).number).toBe("card.numberDigitsOnly");
    expect(cardProblems({ ...good, expiry: "1230" }, JUNE_2026).expiry).toBe("card.expiryShape");
    expect(cardProblems({ ...good, expiry: " " }, JUNE_2026).expiry).toBe("card.expiryMissing");
  });

  it("has each problem's words in English, German and Japanese", () => {
    const keys = ["number", "expiry", "cvc"].flatMap((field) =>
      [
        cardProblems({ number: "", expiry: "", cvc: "" }, JUNE_2026),
        cardProblems({ number: "12ab", expiry: "1230", cvc: "1" }, JUNE_2026),
        cardProblems({ number: "4242 4242", expiry: "05/26", cvc: "1" }, JUNE_2026),
        cardProblems({ number: "4242 4242 4242 4241", expiry: "05/26", cvc: "1" }, JUNE_2026),
      ].map((p) => p[field as keyof typeof p]!),
    );
    expect(new Set(keys).size).toBe(8);
    for (const key of keys)
      for (const [language, catalog] of Object.entries(CATALOGS))
        expect(catalog[key], `${language} ${key}`).toMatch(/\S/);
    expect(CATALOGS.de["card.expired"]).toMatch(/abgelaufen/);
  });
});
