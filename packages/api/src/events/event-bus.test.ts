import { createTestRedis } from "../testing/harness.ts";
import { eventBusContract } from "./event-bus.contract.ts";
import { MemoryEventBus } from "./memory-event-bus.ts";
import { RedisStreamsEventBus } from "./redis-streams-event-bus.ts";

eventBusContract("in-process", async (options) => ({
  bus: new MemoryEventBus(options),
  cleanup: async () => {},
}));

eventBusContract("Redis Streams", async (options) => {
  const redis = await createTestRedis();
  return { bus: new RedisStreamsEventBus(redis.redis, { ...options, blockMs: 200 }), cleanup: redis.cleanup };
});
