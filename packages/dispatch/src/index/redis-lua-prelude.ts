// The Lua helpers every script of the Redis driver index starts with (redis-scripts.ts says what is stored).
/**
 * The zone lease's fencing check (lease value "owner;token", zone-leases.ts): a write carrying a token
 * is refused unless the lease still holds that very token. '' means "not leased" (today's embedded mode).
 */
export const FENCE = `
local function fencedOut(leaseKey, token)
  if token == nil or token == '' then return false end
  local v = redis.call('GET', leaseKey)
  if not v then return true end
  return string.match(v, '[^;]*$') ~= token
end
`;

export const PRELUDE = `
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
