/**
 * Lua of the zone leases (zone-leases.ts). A lease is one key per zone, `<prefix>{zone}:lease` =
 * "owner;token" with a TTL; the token comes from the zone's own counter (`{zone}:fence`, INCR), so every
 * new lease of a zone carries a larger token than any before it. Both keys share the zone's hash tag,
 * like the index's keys, so the fencing check inside the index's scripts stays on one shard.
 */

/** KEYS: lease, fence. ARGV: owner, ttlMs. Returns the new token, or 0 when someone holds the zone. */
export const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ';' .. token, 'PX', ARGV[2])
return token
`;

/** KEYS: lease. ARGV: "owner;token", ttlMs. 1 when still ours (and extended), 0 when lost. */
export const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: "owner;token". Deletes the lease only while it is still ours. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;

/**
 * KEYS: members (zset owner → last heartbeat, Redis server time). ARGV: owner, ttlMs.
 * Records this dispatcher's heartbeat, forgets the silent ones, and returns how many are alive.
 * Server time, so dispatchers on machines with skewed clocks still agree on who is alive.
 */
export const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return redis.call('ZCARD', KEYS[1])
`;
