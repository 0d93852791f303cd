// VAPID configuration: production takes all three variables or none (push off, warned at start), never half;
// development generates a key pair once and keeps it beside the embedded database.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import webpush from "web-push";
import { ConfigError, loadConfig } from "../env.ts";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://x/y",
  JWT_SECRET: "x".repeat(32),
  PAYMENTS: "simulated",
  NOTIFIER: "log",
};

describe("Web Push configuration", () => {
  it("production: all three VAPID variables, or none (push off); half or a malformed key refuses to start", () => {
    const keys = webpush.generateVAPIDKeys();
    const full = {
      ...production,
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: "mailto:ops@pizza.example",
    };
    expect(loadConfig(full).push).toMatchObject({ publicKey: keys.publicKey, source: "env" });
    expect(loadConfig(production).push).toBeUndefined();
    expect(() => loadConfig({ ...production, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(
      /VAPID_PRIVATE_KEY, VAPID_SUBJECT missing/,
    );
    expect(() => loadConfig({ ...full, VAPID_PRIVATE_KEY: "short" })).toThrow(/VAPID_PRIVATE_KEY must be/);
    expect(() => loadConfig({ ...full, VAPID_SUBJECT: "ops" })).toThrow(/mailto: or https:/);
  });

  it("development: a key pair generated at the first start and kept beside the embedded database", () => {
    const dir = mkdtempSync(join(tmpdir(), "vapid-"));
    const env = { NODE_ENV: "development", PGLITE_DIR: join(dir, "pglite") };
    const first = loadConfig(env).push!;
    expect(first.source).toBe("file");
    expect(Buffer.from(first.publicKey, "base64url")).toHaveLength(65);
    expect(loadConfig(env).push).toEqual(first);
    expect(JSON.parse(readFileSync(join(dir, "vapid-keys.json"), "utf8"))).toEqual({
      publicKey: first.publicKey,
      privateKey: first.privateKey,
    });
    expect(loadConfig({ NODE_ENV: "test", PGLITE_DIR: "memory://" }).push?.source).toBe("memory");
  });
});
