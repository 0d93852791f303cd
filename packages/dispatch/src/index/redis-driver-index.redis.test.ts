import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { dispatcherContract } from "../dispatcher.contract.ts";
import type { RedisClient } from "../redis-client.ts";
import { tripContract } from "../trip.contract.ts";
import { type DriverIndexFactory, driverIndexContract } from "./driver-index.contract.ts";
import { RedisDriverIndex } from "./redis-driver-index.ts";
import { deletePrefix, randomPrefix, redisTopologies } from "./redis-test-helpers.ts";
import { tripClaimContract } from "./trip-claim.contract.ts";

describe.each(redisTopologies)("$name", ({ name, connect }) => {
  let redis: RedisClient;
  const prefixes: string[] = [];

  beforeAll(async () => {
    redis = await connect();
  });
  afterEach(async () => {
    for (const p of prefixes.splice(0)) await deletePrefix(redis, p);
  });
  afterAll(async () => {
    await redis?.quit();
  });

  const index: DriverIndexFactory = async (opts) => {
    const keyPrefix = randomPrefix();
    prefixes.push(keyPrefix);
    return new RedisDriverIndex(redis, { ...opts, keyPrefix });
  };
  driverIndexContract(`redis (${name})`, index);
  dispatcherContract(`redis (${name})`, index);
  tripClaimContract(`redis (${name})`, index);
  tripContract(`redis (${name})`, index);
});
