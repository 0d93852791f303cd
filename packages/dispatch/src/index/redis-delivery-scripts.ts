// Lua scripts of the Redis driver index about deliveries: offers, claims, releases and the request queue.
import { FENCE, PRELUDE } from "./redis-lua-prelude.ts";

/**
 * KEYS: pos, drv, avail, offers, req, pending, lease.
 * ARGV: driverId, deliveryId, now, minHeartbeat, deadline, maxD, nextRecordJson|'', expectedVersion, fence|'',
 * companions JSON [[deliveryId, expectedVersion, nextRecordJson], …] (the rest of a trip: all or nothing).
 */
export const CLAIM = `${PRELUDE}
if fencedOut(KEYS[7], ARGV[9]) then return 'fenced' end
local id, del = ARGV[1], ARGV[2]
local maxD = tonumber(ARGV[6])
if ARGV[7] ~= '' then
  local r = getRecord(KEYS[5], del)
  if not r or tonumber(r.version) ~= tonumber(ARGV[8]) then return 'request_changed' end
end
local comps = cjson.decode(ARGV[10])
for _, c in ipairs(comps) do
  local r = getRecord(KEYS[5], c[1])
  if not r or tonumber(r.version) ~= tonumber(c[2]) then return 'request_changed' end
end
local d = getDriver(KEYS[2], id)
if not d then return 'unknown_driver' end
if not claimable(d, maxD) or #d.d + 1 + #comps > maxD then return 'not_available' end
local _, hb = posParts(redis.call('HGET', KEYS[1], id))
if not hb or hb < tonumber(ARGV[4]) then return 'stale' end
d.o = del
d.od = tonumber(ARGV[5])
d.oc = {}
for _, c in ipairs(comps) do
  d.oc[#d.oc + 1] = c[1]
  redis.call('HSET', KEYS[5], c[1], c[3])
  redis.call('ZREM', KEYS[6], c[1])
end
putDriver(KEYS[2], id, d)
redis.call('ZREM', KEYS[3], id)
redis.call('ZADD', KEYS[4], ARGV[5], id .. '\\n' .. del)
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[5], del, ARGV[7])
  redis.call('ZREM', KEYS[6], del)
end
return 'ok'
`;

/** KEYS: pos, drv, avail, offers, req, pending. ARGV: driverId, deliveryId, now, maxD. */
export const CONFIRM = `${PRELUDE}
local id, del = ARGV[1], ARGV[2]
local d = getDriver(KEYS[2], id)
if not d or not inOffer(d, del) then return 'no_such_offer' end
if tonumber(ARGV[3]) > tonumber(d.od) then return 'expired' end
local ids = offerIds(d)
redis.call('ZREM', KEYS[4], id .. '\\n' .. d.o)
d.o = ''
d.od = 0
d.oc = {}
for _, x in ipairs(ids) do d.d[#d.d + 1] = x end
putDriver(KEYS[2], id, d)
syncAvail(KEYS[3], KEYS[1], id, d, tonumber(ARGV[4]))
for _, x in ipairs(ids) do
  local r = getRecord(KEYS[5], x)
  if r and r.status == 'offered' and r.driverId == id then
    r.status = 'assigned'
    r.offerDeadline = cjson.null
    r.version = r.version + 1
    putRecord(KEYS[5], x, r)
    redis.call('ZREM', KEYS[6], x)
  end
end
return 'ok'
`;

/** KEYS: pos, drv, avail, offers, req, pending. ARGV: driverId, deliveryId, reason, now, maxD. */
export const RELEASE = `${PRELUDE}
local id, del = ARGV[1], ARGV[2]
local d = getDriver(KEYS[2], id)
if not d then return 0 end
local others = {}
if inOffer(d, del) then
  for _, x in ipairs(offerIds(d)) do if x ~= del then others[#others + 1] = x end end
  redis.call('ZREM', KEYS[4], id .. '\\n' .. d.o)
  d.o = ''
  d.od = 0
  d.oc = {}
else
  local rest, found = removeItem(d.d, del)
  if not found then return 0 end
  d.d = rest
end
putDriver(KEYS[2], id, d)
syncAvail(KEYS[3], KEYS[1], id, d, tonumber(ARGV[5]))
local r = getRecord(KEYS[5], del)
if r and r.driverId == id and (r.status == 'offered' or r.status == 'assigned') then
  r.driverId = cjson.null
  r.offerDeadline = cjson.null
  r.version = r.version + 1
  if ARGV[3] == 'declined' then
    r.status = 'waiting'
    r.declined[#r.declined + 1] = id
    redis.call('ZADD', KEYS[6], ARGV[4], del)
  else
    r.status = 'cancelled'
    redis.call('ZREM', KEYS[6], del)
  end
  if ARGV[3] == 'declined' then r.trip = cjson.null end
  putRecord(KEYS[5], del, r)
end
-- The rest of a trip declined (by the driver) or left without its cancelled stop: offered afresh.
local mark = nil
if ARGV[3] == 'declined' then mark = 'declined' end
for _, x in ipairs(others) do backToWaiting(KEYS[5], KEYS[6], id, x, ARGV[4], mark) end
return 1
`;

/** KEYS: pos, drv, avail, offers, req, pending. ARGV: driverId, deliveryId, maxD. */
export const COMPLETE = `${PRELUDE}
local id, del = ARGV[1], ARGV[2]
local d = getDriver(KEYS[2], id)
if not d then return 0 end
local rest, found = removeItem(d.d, del)
if not found then return 0 end
d.d = rest
putDriver(KEYS[2], id, d)
syncAvail(KEYS[3], KEYS[1], id, d, tonumber(ARGV[3]))
local r = getRecord(KEYS[5], del)
if r and r.driverId == id and r.status == 'assigned' then
  r.status = 'completed'
  r.version = r.version + 1
  putRecord(KEYS[5], del, r)
end
return 1
`;

/** KEYS: req, pending, lease. ARGV: deliveryId, json (version already set), expectedVersion|'', dueAt|'', fence|''. */
export const PUT_REQUEST = `${PRELUDE}
if fencedOut(KEYS[3], ARGV[5]) then return 0 end
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[3] == '' then
  if raw then return 0 end
else
  if not raw then return 0 end
  if tonumber(cjson.decode(raw).version) ~= tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] == '' then redis.call('ZREM', KEYS[2], ARGV[1]) else redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1]) end
return 1
`;

/** KEYS: req, pending, lease. ARGV: now, leaseMs, max, fence|''. Returns record JSONs. */
export const LEASE_DUE = `${FENCE}
if fencedOut(KEYS[3], ARGV[4]) then return {} end
local ids = redis.call('ZRANGE', KEYS[2], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
local leaseUntil = tonumber(ARGV[1]) + tonumber(ARGV[2])
local out = {}
for _, id in ipairs(ids) do
  local raw = redis.call('HGET', KEYS[1], id)
  if raw then
    redis.call('ZADD', KEYS[2], leaseUntil, id)
    out[#out + 1] = raw
  else
    redis.call('ZREM', KEYS[2], id)
  end
end
return out
`;

/** KEYS: pos, drv, avail, offers, req, pending, lease. ARGV: now, max, maxD, fence|''. Returns flat driverId, deliveryId, deadline, companions (comma-joined). */
export const EXPIRE_OFFERS = `${PRELUDE}
if fencedOut(KEYS[7], ARGV[4]) then return {} end
local items = redis.call('ZRANGE', KEYS[4], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]), 'WITHSCORES')
local maxD = tonumber(ARGV[3])
local out = {}
for i = 1, #items, 2 do
  local member, deadline = items[i], items[i + 1]
  redis.call('ZREM', KEYS[4], member)
  local nl = string.find(member, '\\n', 1, true)
  local id = string.sub(member, 1, nl - 1)
  local del = string.sub(member, nl + 1)
  local d = getDriver(KEYS[2], id)
  local comps = {}
  if d and d.o == del then
    comps = d.oc
    d.o = ''
    d.od = 0
    d.oc = {}
    putDriver(KEYS[2], id, d)
    syncAvail(KEYS[3], KEYS[1], id, d, maxD)
  end
  for _, x in ipairs(comps) do backToWaiting(KEYS[5], KEYS[6], id, x, ARGV[1], 'timedOut') end
  local r = getRecord(KEYS[5], del)
  if r and r.status == 'offered' and r.driverId == id then
    r.status = 'waiting'
    r.driverId = cjson.null
    r.offerDeadline = cjson.null
    r.timedOut[#r.timedOut + 1] = id
    r.trip = cjson.null
    r.version = r.version + 1
    putRecord(KEYS[5], del, r)
    redis.call('ZADD', KEYS[6], ARGV[1], del)
  end
  out[#out + 1] = id
  out[#out + 1] = del
  out[#out + 1] = deadline
  out[#out + 1] = table.concat(comps, ',')
end
return out
`;

/** KEYS: req, pending. ARGV: until, max. Record JSONs of waiting deliveries due by `until`, not leased. */
export const WAITING_BEFORE = `
local ids = redis.call('ZRANGE', KEYS[2], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]) * 4)
local out = {}
for _, id in ipairs(ids) do
  local raw = redis.call('HGET', KEYS[1], id)
  if raw and cjson.decode(raw).status == 'waiting' then out[#out + 1] = raw end
  if #out >= tonumber(ARGV[2]) then break end
end
return out
`;
