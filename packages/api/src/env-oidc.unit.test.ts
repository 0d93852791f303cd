import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";

const base = { NODE_ENV: "test", PGLITE_DIR: "memory://" };
const acme = {
  id: "acme",
  label: "Acme ID",
  issuer: "https://login.acme.example",
  clientId: "pizza",
  clientSecret: "s3cret",
};
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://app@db/pizza",
  JWT_SECRET: "x".repeat(32),
  NOTIFIER: "log",
  PAYMENTS: "simulated",
};

describe("OIDC_PROVIDERS", () => {
  it("none by default; a JSON list of providers, staffRegions empty unless given", () => {
    expect(loadConfig(base).oidc.providers).toEqual([]);
    const oidc = loadConfig({
      ...base,
      PUBLIC_URL: "https://pizza.example/",
      OIDC_PROVIDERS: JSON.stringify([acme, { ...acme, id: "corp", label: "Corp", staffRegions: ["de"] }]),
    }).oidc;
    expect(oidc.publicUrl).toBe("https://pizza.example");
    expect(oidc.providers).toEqual([
      { ...acme, staffRegions: [] },
      { ...acme, id: "corp", label: "Corp", staffRegions: ["de"] },
    ]);
  });

  it("refuses a bad list in one line naming the variable and the field", () => {
    expect(() => loadConfig({ ...base, OIDC_PROVIDERS: "{nope" })).toThrow(
      /^Invalid configuration: OIDC_PROVIDERS must be a JSON list of providers$/,
    );
    expect(() =>
      loadConfig({ ...base, OIDC_PROVIDERS: JSON.stringify([{ ...acme, issuer: "ftp://x" }]) }),
    ).toThrow(/^Invalid configuration: OIDC_PROVIDERS 0\.issuer: issuer must be an http\(s\):\/\/ URL$/);
    expect(() => loadConfig({ ...base, OIDC_PROVIDERS: JSON.stringify([acme, acme]) })).toThrow(
      /names the provider "acme" twice/,
    );
    expect(() =>
      loadConfig({ ...base, OIDC_PROVIDERS: JSON.stringify([{ ...acme, id: "Acme ID" }]) }),
    ).toThrow(/OIDC_PROVIDERS 0\.id: id must be lower-case/);
  });

  it("production: https issuers and PUBLIC_URL only", () => {
    const local = JSON.stringify([{ ...acme, issuer: "http://127.0.0.1:4000" }]);
    expect(() =>
      loadConfig({ ...production, PUBLIC_URL: "https://p.example", OIDC_PROVIDERS: local }),
    ).toThrow(/issuers must be https:\/\/ in production/);
    expect(() => loadConfig({ ...production, OIDC_PROVIDERS: JSON.stringify([acme]) })).toThrow(
      /OIDC_PROVIDERS needs PUBLIC_URL in production/,
    );
    expect(loadConfig({ ...base, OIDC_PROVIDERS: local }).oidc.allowHttpIssuers).toBe(true);
  });
});
