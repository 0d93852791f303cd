import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll } from "vitest";
import { dispatcherContract } from "../dispatcher.contract.ts";
import { driverIndexContract } from "./driver-index.contract.ts";
import { RedisDriverIndex } from "./redis-driver-index.ts";
import { connectTestRedis, deletePrefix, randomPrefix } from "./redis-test-helpers.ts";

let redis: Redis;
const prefixes: string[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
});
afterEach(async () => {
  for (const p of prefixes.splice(0)) await deletePrefix(redis, p);
});
afterAll(async () => {
  await redis?.quit();
});

driverIndexContract("redis", async (opts) => {
  const keyPrefix = randomPrefix();
  prefixes.push(keyPrefix);
  return new RedisDriverIndex(redis, { ...opts, keyPrefix });
});

dispatcherContract("redis", async (opts) => {
  const keyPrefix = randomPrefix();
  prefixes.push(keyPrefix);
  return new RedisDriverIndex(redis, { ...opts, keyPrefix });
});
