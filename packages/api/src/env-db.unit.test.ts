import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.ts";

const base = { NODE_ENV: "test", PGLITE_DIR: "memory://", JWT_SECRET: "x".repeat(32) };

describe("replication settings", () => {
  it("default to no standby, a 2 s lag limit measured every 2 s, and payments on the server's default commit", () => {
    expect(loadConfig(base).replication).toEqual({
      readUrl: undefined,
      maxLagMs: 2000,
      checkMs: 2000,
      syncStandby: false,
    });
  });

  it("take a standby and the payments' wait for it next to a PostgreSQL primary", () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: "postgres://app@10.0.0.1,10.0.0.2/pizza?target_session_attrs=read-write",
      DATABASE_READ_URL: "postgres://app@10.0.0.2/pizza",
      DATABASE_READ_MAX_LAG_MS: "500",
      DATABASE_SYNC_STANDBY: "true",
    });
    expect(config.replication).toEqual({
      readUrl: "postgres://app@10.0.0.2/pizza",
      maxLagMs: 500,
      checkMs: 2000,
      syncStandby: true,
    });
  });

  it("refuse a standby without a primary, a read URL with several hosts, and a lag that is not a number", () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused({ DATABASE_READ_URL: "postgres://h/db" })).toMatch(/DATABASE_READ_URL needs DATABASE_URL/);
    expect(refused({ DATABASE_SYNC_STANDBY: "true" })).toMatch(/DATABASE_SYNC_STANDBY needs DATABASE_URL/);
    expect(refused({ DATABASE_URL: "postgres://h/db", DATABASE_READ_URL: "postgres://a,b/db" })).toMatch(
      /DATABASE_READ_URL must be one postgres:\/\/ connection string/,
    );
    expect(refused({ DATABASE_URL: "postgres://h/db", DATABASE_READ_MAX_LAG_MS: "soon" })).toMatch(
      /DATABASE_READ_MAX_LAG_MS/,
    );
  });
});
