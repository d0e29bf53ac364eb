/**
 * The deployment health rules of DeploymentHealth (router/deployment-health.ts) as Lua, so every
 * read-modify-write is atomic across replicas. Time is the server's (`TIME`, integer ms) when
 * ARGV[1] is 0, as in production; tests pass their own clock's time there. KEYS[1] is the deployment's state hash
 * (u = reopens at, r = reason, h = half-open, p = probe lease until, o = openings), KEYS[2] its
 * window hash (`<second>r` requests, `<second>f` failures). Every write sets an expiry.
 */
const NOW = `
local now = tonumber(ARGV[1])
if now == 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

const READ = `
local s = redis.call('HMGET', KEYS[1], 'u', 'r', 'h', 'p', 'o')
local u = tonumber(s[1]) or 0
local r = s[2] or 'failing'
local h = s[3] == '1'
local p = tonumber(s[4]) or 0
local o = tonumber(s[5]) or 0
`;

// ARGV[ttlIndex] = how long the state outlives its deadline (ms).
const expire = (ttlIndex: number) => `
local keep = tonumber(ARGV[${ttlIndex}])
local left = u - now
if p - now > left then left = p - now end
if left < 0 then left = 0 end
redis.call('PEXPIRE', KEYS[1], left + keep)
`;

/** → false (may take traffic) | {reopensAt, reason}. */
export const COOLING_LUA = `${NOW}${READ}
if u > now then return {u, r} end
if h and p > now then return {p, r} end
return false
`;

/** ARGV: time, probeLeaseMs, ttl. Claims the half-open probe when the cooldown has passed. */
export const ADMIT_LUA = `${NOW}${READ}
if u > now then return {u, r} end
if not h then return false end
if p > now then return {p, r} end
p = now + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'p', p)
${expire(3)}
return false
`;

// ARGV[2] = window seconds. Counts one request (and a failure when f == 1), drops old seconds.
const COUNT = `
local window = tonumber(ARGV[2])
local second = math.floor(now / 1000)
local fields = redis.call('HKEYS', KEYS[2])
for _, field in ipairs(fields) do
  local at = tonumber(string.sub(field, 1, -2))
  if at ~= nil and at <= second - window then redis.call('HDEL', KEYS[2], field) end
end
redis.call('HINCRBY', KEYS[2], second .. 'r', 1)
if f == 1 then redis.call('HINCRBY', KEYS[2], second .. 'f', 1) end
redis.call('PEXPIRE', KEYS[2], (window + 1) * 1000)
`;

/** ARGV: time, windowSeconds, ttl. */
export const SUCCEEDED_LUA = `${NOW}${READ}
local f = 0
${COUNT}
if h and u <= now then
  redis.call('HSET', KEYS[1], 'h', 0, 'p', 0, 'o', 0)
  h = false
  p = 0
end
if redis.call('EXISTS', KEYS[1]) == 1 then
${expire(3)}
end
return 1
`;

/** ARGV: time, windowSeconds, ttl, minRequests, failureRatio, baseMs, maxMs, spare (1|0). */
export const FAILED_LUA = `${NOW}${READ}
local f = 1
${COUNT}
local function open()
  local duration = math.min(tonumber(ARGV[7]), tonumber(ARGV[6]) * (2 ^ o))
  o = o + 1
  if now + duration > u then
    u = now + duration
    r = 'failing'
  end
  p = 0
  redis.call('HSET', KEYS[1], 'u', u, 'r', r, 'h', 1, 'p', 0, 'o', o)
  redis.call('DEL', KEYS[2])
end
if h and p > 0 and u <= now then
  open()
elseif ARGV[8] == '1' and u <= now then
  local requests = 0
  local failures = 0
  local counts = redis.call('HGETALL', KEYS[2])
  for i = 1, #counts, 2 do
    local n = tonumber(counts[i + 1])
    if string.sub(counts[i], -1) == 'r' then requests = requests + n else failures = failures + n end
  end
  if requests >= tonumber(ARGV[4]) and failures / requests >= tonumber(ARGV[5]) then open() end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
${expire(3)}
end
return 1
`;

/** ARGV: time, ms, reason, ttl. A later existing deadline is kept; `auth` probes once afterwards. */
export const COOL_LUA = `${NOW}${READ}
local until_ms = now + tonumber(ARGV[2])
if until_ms > u then
  u = until_ms
  r = ARGV[3]
  redis.call('HSET', KEYS[1], 'u', u, 'r', r)
end
if ARGV[3] == 'auth' then
  p = 0
  redis.call('HSET', KEYS[1], 'h', 1, 'p', 0)
end
${expire(4)}
return 1
`;
