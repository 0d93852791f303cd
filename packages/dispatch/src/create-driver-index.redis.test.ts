import { describe, expect, it } from "vitest";
import { deletePrefix, randomPrefix, TEST_REDIS_URL } from "./index/redis-test-helpers.ts";
import { createDriverIndex, MemoryDriverIndex, RedisDriverIndex } from "./index.ts";

describe("createDriverIndex", () => {
  it("is in-process without Redis and Redis-backed with a URL", async () => {
    expect(createDriverIndex()).toBeInstanceOf(MemoryDriverIndex);
    const keyPrefix = randomPrefix();
    const index = createDriverIndex({ redis: TEST_REDIS_URL, keyPrefix, staleAfterMs: 5000 });
    expect(index).toBeInstanceOf(RedisDriverIndex);
    const res = await index.ingest("d1", "berlin", { lat: 52.52, lng: 13.4, ts: Date.now() });
    expect(res.accepted).toBe(true);
    await deletePrefix((index as RedisDriverIndex).redis, keyPrefix);
    await index.close();
  });
});
