// REDIS_URL or REDIS_CLUSTER_NODES: which Redis the configuration picks, and the sentences a bad setting gets.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.ts";

const load = (env: Record<string, string>) => loadConfig({ PGLITE_DIR: "memory://", ...env });

describe("Redis settings", () => {
  it("no Redis: everything in process", () => {
    expect(load({}).redis).toBeUndefined();
  });

  it("REDIS_URL: one server", () => {
    expect(load({ REDIS_URL: "redis://cache:6379/0" }).redis).toEqual({
      kind: "single",
      url: "redis://cache:6379/0",
    });
  });

  it("REDIS_CLUSTER_NODES: a cluster from its seeds (spaces and IPv6 allowed)", () => {
    expect(load({ REDIS_CLUSTER_NODES: "10.0.0.1:7000, redis-b:7001,[::1]:7002" }).redis).toEqual({
      kind: "cluster",
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "redis-b", port: 7001 },
        { host: "::1", port: 7002 },
      ],
    });
  });

  it("both set: refused with a sentence naming both", () => {
    expect(() => load({ REDIS_URL: "redis://a:6379", REDIS_CLUSTER_NODES: "a:7000" })).toThrow(
      new ConfigError(
        "Invalid configuration: set REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES (a Redis Cluster), not both",
      ),
    );
  });

  it.each(["a:7000,redis://b:7001", "a", "a:0", "a:70000", ","])(
    "a bad seed list (%s) names the bad entry",
    (nodes) => {
      expect(() => load({ REDIS_CLUSTER_NODES: nodes })).toThrow(
        /^Invalid configuration: REDIS_CLUSTER_NODES must/,
      );
    },
  );
});
