import { describe, expect, it } from "vitest";
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

  it("has nothing to say about a good card, and one sentence per wrong field otherwise", () => {
    expect(cardProblems(good, JUNE_2026)).toEqual({});
    expect(cardProblems({ ...good, expiry: "06/26" }, JUNE_2026)).toEqual({});
    const p = cardProblems({ number: "4242 4242 4242 4241", expiry: "05/26", cvc: "12" }, JUNE_2026);
    expect(p.number).toMatch(/not valid/);
    expect(p.expiry).toMatch(/expired/);
    expect(p.cvc).toMatch(/3 or 4 digits/);
    expect(cardProblems({ ...good, number: "" }, JUNE_2026).number).toBe("Enter the card number.");
    expect(cardProblems({ ...good, number: "4242 4242" }, JUNE_2026).number).toMatch(/12 to 19 digits/);
    expect(cardProblems({ ...good, expiry: "1230" }, JUNE_2026).expiry).toMatch(/MM\/YY/);
  });
});
