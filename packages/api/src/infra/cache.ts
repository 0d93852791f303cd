import { deleteByPrefix, type RedisClient } from "@pizza/dispatch";

/** A small string cache with per-key TTL and prefix invalidation (e.g. every menu of one store). */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Removes every key that starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * Writes fields of one entry holding many (a Redis hash: one command, one shard, however many fields);
   * the whole entry expires `ttlMs` after its last write.
   */
  setFields(key: string, fields: ReadonlyMap<string, string>, ttlMs: number): Promise<void>;
  getField(key: string, field: string): Promise<string | undefined>;
}

export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly hashes = new Map<string, { fields: Map<string, string>; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    for (const key of this.hashes.keys()) if (key.startsWith(prefix)) this.hashes.delete(key);
  }

  async setFields(key: string, fields: ReadonlyMap<string, string>, ttlMs: number): Promise<void> {
    const live = this.liveHash(key);
    const hash = live ?? { fields: new Map<string, string>(), expiresAt: 0 };
    for (const [f, v] of fields) hash.fields.set(f, v);
    hash.expiresAt = this.now() + ttlMs;
    this.hashes.set(key, hash);
  }

  async getField(key: string, field: string): Promise<string | undefined> {
    return this.liveHash(key)?.fields.get(field);
  }

  private liveHash(key: string) {
    const hash = this.hashes.get(key);
    if (hash && hash.expiresAt <= this.now()) {
      this.hashes.delete(key);
      return undefined;
    }
    return hash;
  }
}

export class RedisCache implements Cache {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = "cache:",
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, "PX", ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    // SCAN on every primary of a cluster; keys of different hash slots are deleted one by one.
    await deleteByPrefix(this.redis, this.prefix + prefix);
  }

  async setFields(key: string, fields: ReadonlyMap<string, string>, ttlMs: number): Promise<void> {
    if (fields.size === 0) return;
    // One key, so one slot: a pipeline is fine on a cluster too.
    await this.redis
      .pipeline()
      .hset(this.prefix + key, fields)
      .pexpire(this.prefix + key, ttlMs)
      .exec();
  }

  async getField(key: string, field: string): Promise<string | undefined> {
    return (await this.redis.hget(this.prefix + key, field)) ?? undefined;
  }
}
