import { describe } from "vitest";
import { redisTopologies } from "../testing/test-redis.ts";
import { eventBusContract } from "./event-bus.contract.ts";
import { MemoryEventBus } from "./memory-event-bus.ts";
import { RedisStreamsEventBus } from "./redis-streams-event-bus.ts";

eventBusContract("in-process", async (options) => ({
  bus: new MemoryEventBus(options),
  cleanup: async () => {},
}));

describe.each(redisTopologies)("$name", ({ create }) => {
  eventBusContract("Redis Streams", async (options) => {
    const redis = await create();
    return {
      bus: new RedisStreamsEventBus(redis.redis, { ...options, blockMs: 200 }),
      cleanup: redis.cleanup,
    };
  });
});
