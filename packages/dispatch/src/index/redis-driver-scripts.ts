// Lua scripts of the Redis driver index about drivers: positions in, status, the nearest available ones.
import { PRELUDE } from "./redis-lua-prelude.ts";

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
