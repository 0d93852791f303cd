import { describe, expect, it } from "vitest";
import { buildPromoRequest, EMPTY_PROMO_FORM } from "./promo-form.ts";

describe("promo form", () => {
  it("builds each kind: percent with a cap, fixed in minor units, free delivery with limits and dates", () => {
    expect(
      buildPromoRequest({
        ...EMPTY_PROMO_FORM,
        code: " spring-10 ",
        percent: "10",
        maxDiscount: "5",
        regionCode: "us",
      }),
    ).toEqual({
      ok: true,
      request: {
        code: "SPRING-10",
        kind: "percent",
        percent: 10,
        maxDiscount: 500,
        regionCode: "us",
        firstOrderOnly: false,
      },
    });
    expect(
      buildPromoRequest({
        ...EMPTY_PROMO_FORM,
        code: "YEN500",
        kind: "fixed",
        amount: "500",
        minSubtotal: "2000",
        regionCode: "jp",
      }),
    ).toEqual({
      ok: true,
      request: {
        code: "YEN500",
        kind: "fixed",
        amount: 500,
        minSubtotal: 2000,
        regionCode: "jp",
        firstOrderOnly: false,
      },
    });
    const free = buildPromoRequest({
      ...EMPTY_PROMO_FORM,
      code: "FREEDEL",
      kind: "free_delivery",
      regionCode: "de",
      minSubtotal: "15",
      validFrom: "2026-06-01T10:00",
      validTo: "2026-06-30T22:00",
      usageLimit: "100",
      perCustomerLimit: "1",
      firstOrderOnly: true,
    });
    expect(free).toMatchObject({
      ok: true,
      request: {
        kind: "free_delivery",
        minSubtotal: 1500,
        usageLimit: 100,
        perCustomerLimit: 1,
        firstOrderOnly: true,
      },
    });
    expect(free.ok && new Date(free.request.validFrom!).getTime()).toBe(
      new Date("2026-06-01T10:00").getTime(),
    );
  });

  it("says what is wrong, per field", () => {
    const r = buildPromoRequest({
      ...EMPTY_PROMO_FORM,
      code: "x",
      kind: "fixed",
      amount: "5",
      minSubtotal: "3",
      validFrom: "2026-06-30T10:00",
      validTo: "2026-06-01T10:00",
      usageLimit: "0",
      perCustomerLimit: "many",
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        code: "A code is 3 to 32 letters, digits, - or _.",
        amount: "Choose a region: the amount off is in its currency.",
        minSubtotal: "Choose a region: the minimum order is in its currency.",
        validTo: "The code must end after it starts.",
        usageLimit: "Total uses is a whole number, at least 1.",
        perCustomerLimit: "Uses per customer is a whole number from 1 to 1000.",
      },
    });
    expect(buildPromoRequest({ ...EMPTY_PROMO_FORM, code: "ABC", percent: "150" })).toMatchObject({
      ok: false,
      errors: { percent: "Percent off is a whole number from 1 to 100." },
    });
    expect(
      buildPromoRequest({ ...EMPTY_PROMO_FORM, code: "ABC", kind: "fixed", amount: "5.5", regionCode: "jp" }),
    ).toMatchObject({
      ok: false,
      errors: { amount: "Enter the amount off in whole JPY, e.g. 500." },
    });
    expect(
      buildPromoRequest({ ...EMPTY_PROMO_FORM, code: "ABC", kind: "fixed", regionCode: "us" }),
    ).toMatchObject({
      ok: false,
      errors: { amount: "Enter the amount off." },
    });
  });
});
