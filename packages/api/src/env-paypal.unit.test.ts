// PAYPAL_*: what the configuration picks (PayPal, the simulated PayPal, or none in production) and the sentences a bad setting gets.
import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";

const base = { PGLITE_DIR: "memory://", JWT_SECRET: "x".repeat(32) };
const prod = {
  ...base,
  NODE_ENV: "production",
  DATABASE_URL: "postgres://x/y",
  NOTIFIER: "log",
  PAYMENTS: "simulated",
  PUBLIC_URL: "https://pizza.example",
};
const paypal = {
  PAYPAL_CLIENT_ID: "AbCdEfGh12345678",
  PAYPAL_CLIENT_SECRET: "EFGH-secret-12345678",
  PAYPAL_WEBHOOK_ID: "8PT597110X687430LKGECATA",
};

describe("PayPal configuration (env-paypal.ts)", () => {
  it("takes all three of client id, secret and webhook id, on the sandbox unless told otherwise", () => {
    expect(loadConfig({ ...base, ...paypal }).paypal).toEqual({
      clientId: paypal.PAYPAL_CLIENT_ID,
      clientSecret: paypal.PAYPAL_CLIENT_SECRET,
      webhookId: paypal.PAYPAL_WEBHOOK_ID,
      apiBase: "https://api-m.sandbox.paypal.com",
    });
    expect(
      loadConfig({ ...prod, ...paypal, PAYPAL_API_BASE: "https://api-m.paypal.com/" }).paypal,
    ).toMatchObject({
      apiBase: "https://api-m.paypal.com",
    });
  });

  it("refuses some but not all of them, rather than running without PayPal by accident", () => {
    const { PAYPAL_WEBHOOK_ID: _missing, ...two } = paypal;
    expect(() => loadConfig({ ...base, ...two })).toThrow(
      /PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID go together/,
    );
  });

  it("in production: https only, PUBLIC_URL needed, and no simulated PayPal without the keys", () => {
    expect(() => loadConfig({ ...prod, ...paypal, PAYPAL_API_BASE: "http://paypal.internal" })).toThrow(
      /PAYPAL_API_BASE must be https/,
    );
    const { PUBLIC_URL: _none, ...noPublicUrl } = prod;
    expect(() => loadConfig({ ...noPublicUrl, ...paypal })).toThrow(/PayPal needs PUBLIC_URL in production/);
    expect(loadConfig(prod).paypal).toBeUndefined();
    // Elsewhere the embedded default offers the simulated PayPal.
    expect(loadConfig(base).paypal).toBe("simulated");
  });

  it("refuses a PAYPAL_API_BASE that is not an origin", () => {
    expect(() => loadConfig({ ...base, PAYPAL_API_BASE: "https://api-m.paypal.com/v2" })).toThrow(
      /PAYPAL_API_BASE/,
    );
  });
});
