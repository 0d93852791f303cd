/**
 * Lua scripts of the Redis adapter. Each runs atomically on the shard that owns its region (every key
 * of one call carries the same `{region}` hash tag), which is what makes claims race-free.
 *
 * Stored shapes:
 * - pos hash: driverId → "ts;receivedAt;lat;lng;cell;heading;speed;accuracy" (Lua reads the first four)
 * - drv hash: driverId → {"s":status,"o":offered deliveryId or "","od":deadline,"oc":[the rest of the
 *   offer's trip],"d":[deliveryIds]}
 * - avail geo set: drivers that may be offered work (available, no offer, room for a delivery)
 * - offers zset: "driverId\ndeliveryId" → deadline; pending zset: deliveryId → due time
 * - req hash: deliveryId → DeliveryRecord JSON
 */
/**
 * The zone lease's fencing check (lease value "owner;token", zone-leases.ts): a write carrying a token
 * is refused unless the lease still holds that very token. '' means "not leased" (today's embedded mode).
 */
const FENCE = `
local function fencedOut(leaseKey, token)
  if token == nil or token == '' then return false end
  local v = redis.call('GET', leaseKey)
  if not v then return true end
  return string.match(v, '[^;]*$') ~= token
end
`;

const PRELUDE = `
local function posParts(v)
  if not v then return nil end
  local ts, hb, lat, lng = string.match(v, '^([^;]*);([^;]*);([^;]*);([^;]*);')
  return tonumber(ts), tonumber(hb), lat, lng
end
local function getDriver(drvKey, id)
  local raw = redis.call('HGET', drvKey, id)
  if not raw then return nil end
  local d = cjson.decode(raw)
  if type(d.d) ~= 'table' then d.d = {} end
  if type(d.o) ~= 'string' then d.o = '' end
  if type(d.oc) ~= 'table' then d.oc = {} end
  return d
end
-- An offer's deliveries (one trip): the one it was made for, then its companions.
local function offerIds(d)
  local ids = { d.o }
  for _, c in ipairs(d.oc) do ids[#ids + 1] = c end
  return ids
end
local function inOffer(d, del)
  if d.o == '' then return false end
  for _, x in ipairs(offerIds(d)) do if x == del then return true end end
  return false
end
local function putDriver(drvKey, id, d)
  redis.call('HSET', drvKey, id, cjson.encode(d))
end
local function claimable(d, maxD)
  return d.s == 'available' and d.o == '' and #d.d < maxD
end
-- Keeps the avail geo set equal to "claimable drivers with a position".
local function syncAvail(availKey, posKey, id, d, maxD)
  if claimable(d, maxD) then
    local _, _, lat, lng = posParts(redis.call('HGET', posKey, id))
    if lat then redis.call('GEOADD', availKey, lng, lat, id) end
  else
    redis.call('ZREM', availKey, id)
  end
end
local function removeItem(t, x)
  local out = {}
  local found = false
  for _, v in ipairs(t) do
    if v == x and not found then found = true else out[#out + 1] = v end
  end
  return out, found
end
local function getRecord(reqKey, id)
  local raw = redis.call('HGET', reqKey, id)
  if not raw then return nil end
  local r = cjson.decode(raw)
  if type(r.declined) ~= 'table' then r.declined = {} end
  if type(r.timedOut) ~= 'table' then r.timedOut = {} end
  return r
end
local function putRecord(reqKey, id, r)
  redis.call('HSET', reqKey, id, cjson.encode(r))
end
-- A delivery of a trip whose offer ended without it being the one declined or cancelled: back to
-- waiting, due now, off the trip; mark ('declined'|'timedOut'|nil) records the driver.
local function backToWaiting(reqKey, pendingKey, id, del, now, mark)
  local r = getRecord(reqKey, del)
  if not r or r.status ~= 'offered' or r.driverId ~= id then return end
  r.status = 'waiting'
  r.driverId = cjson.null
  r.offerDeadline = cjson.null
  r.trip = cjson.null
  if mark then r[mark][#r[mark] + 1] = id end
  r.version = r.version + 1
  putRecord(reqKey, del, r)
  redis.call('ZADD', pendingKey, now, del)
end
${FENCE}`;

/** KEYS: pos, drv, avail. ARGV: maxD, then per update: id, posString, statusIfUnknown. */
export const INGEST = `${PRELUDE}
local maxD = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  local ts, _, lat, lng = posParts(ARGV[i + 1])
  local last = posParts(redis.call('HGET', KEYS[1], id))
  if last and last >= ts then
    out[#out + 1] = 0
  else
    redis.call('HSET', KEYS[1], id, ARGV[i + 1])
    if last then
      -- Hot path: membership of the avail set already says whether this driver can be offered work,
      -- so XX (update only if present) moves the available ones and leaves the others out.
      redis.call('GEOADD', KEYS[3], 'XX', lng, lat, id)
    else
      local d = getDriver(KEYS[2], id)
      if not d then
        local s = ARGV[i + 2]
        if s == '' then s = 'offline' end
        d = { s = s, o = '', od = 0, d = {} }
        putDriver(KEYS[2], id, d)
      end
      syncAvail(KEYS[3], KEYS[1], id, d, maxD)
    end
    out[#out + 1] = 1
  end
end
return out
`;

/** KEYS: pos, drv, avail. ARGV: id, status, maxD. Returns [driverJson, posString|false]. */
export const SET_STATUS = `${PRELUDE}
local id = ARGV[1]
local maxD = tonumber(ARGV[3])
local d = getDriver(KEYS[2], id)
if not d then d = { s = ARGV[2], o = '', od = 0, d = {} } end
d.s = ARGV[2]
putDriver(KEYS[2], id, d)
syncAvail(KEYS[3], KEYS[1], id, d, maxD)
return { cjson.encode(d), redis.call('HGET', KEYS[1], id) }
`;

/**
 * KEYS: avail, pos. ARGV: lng, lat, radiusM, want, minHeartbeat, firstRadiusM.
 * GEOSEARCH over the avail set (only drivers that can take work are in it), dropping stale heartbeats.
 * The radius starts small and doubles, the same idea as growing H3 rings: GEOSEARCH's cost is the
 * number of members inside the radius, and in a dense city the nearest ten are a few hundred metres
 * away. Whatever is found inside radius r is exactly the nearest, so stopping early is safe. COUNT
 * widens when stale drivers crowd the nearest ones out. Returns a flat list id, posString, ...
 */
export const NEAREST = `${PRELUDE}
local want = tonumber(ARGV[4])
local minHb = tonumber(ARGV[5])
local maxRadius = tonumber(ARGV[3])
local radius = math.min(tonumber(ARGV[6]), maxRadius)
local count = want + 4
local out = {}
while true do
  local ids = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', radius, 'm', 'ASC', 'COUNT', count)
  out = {}
  local n = 0
  if #ids > 0 then
    local ps = redis.call('HMGET', KEYS[2], unpack(ids))
    for i, id in ipairs(ids) do
      local _, hb = posParts(ps[i])
      if hb and hb >= minHb then
        out[#out + 1] = id
        out[#out + 1] = ps[i]
        n = n + 1
        if n >= want then break end
      end
    end
  end
  if n >= want then break end
  if #ids >= count then
    count = count * 4
  elseif radius < maxRadius then
    radius = math.min(radius * 2, maxRadius)
  else
    break
  end
end
return out
`;

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

/** The index's scripts by command name, with how many of their arguments are keys. */
export const SCRIPTS = {
  dispatchIngest: [3, INGEST],
  dispatchSetStatus: [3, SET_STATUS],
  dispatchNearest: [2, NEAREST],
  dispatchClaim: [7, CLAIM],
  dispatchConfirm: [6, CONFIRM],
  dispatchRelease: [6, RELEASE],
  dispatchComplete: [6, COMPLETE],
  dispatchPutRequest: [3, PUT_REQUEST],
  dispatchLeaseDue: [3, LEASE_DUE],
  dispatchExpireOffers: [7, EXPIRE_OFFERS],
  dispatchWaitingBefore: [2, WAITING_BEFORE],
} as const;
export type ScriptName = keyof typeof SCRIPTS;
