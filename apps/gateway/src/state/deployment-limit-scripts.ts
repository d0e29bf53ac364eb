/**
 * Deployments' own rpm/tpm buckets as Lua, the GCRA arithmetic of keys/gcra.ts (the memory book,
 * router/deployment-limit-book.ts, calls it): one theoretical arrival time (integer ms) per bucket,
 * KEYS[1] the requests bucket, KEYS[2] the tokens bucket, both under the deployment's hash tag.
 * Time is the server's (`TIME`) when ARGV[1] is 0, as in production; tests pass their own clock's.
 * Every key is written with an expiry (the bucket's drain time plus a second): an idle deployment
 * leaves nothing behind.
 */
const NOW = `
local now = tonumber(ARGV[1])
if now == 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function int(x) return string.format('%.0f', x) end
local function store(key, tat)
  if tat <= now then redis.call('DEL', key)
  else redis.call('SET', key, int(tat), 'PX', int(tat - now + 1000)) end
end
`;

/**
 * ARGV: time, requests period ms, requests cost ms (0 = no rpm), tokens period ms, tokens cost ms
 * (0 = no tpm). Reserves both or neither → 0, or the ms until the claim would fit.
 */
export const RESERVE_LIMITS_LUA = `${NOW}
local function decide(key, period, cost)
  local tat = tonumber(redis.call('GET', key) or '0')
  local base = math.max(tat, now)
  local after = base + cost
  if after - now > period then return nil, after - period - now end
  return after, 0
end
local requests, requestsWait, tokens, tokensWait = nil, 0, nil, 0
if tonumber(ARGV[3]) > 0 then
  requests, requestsWait = decide(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
end
if tonumber(ARGV[5]) > 0 then
  tokens, tokensWait = decide(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]))
end
local wait = math.max(requestsWait, tokensWait)
if wait > 0 then return wait end
if requests then store(KEYS[1], requests) end
if tokens then store(KEYS[2], tokens) end
return 0
`;

/** ARGV: time, requests ms, tokens ms (negative = refund, never before now; 0 = unchanged). */
export const ADJUST_LIMITS_LUA = `${NOW}
local function move(key, delta)
  if delta == 0 then return end
  local tat = tonumber(redis.call('GET', key) or '0')
  store(key, math.max(math.max(tat, now) + delta, now))
end
move(KEYS[1], tonumber(ARGV[2]))
move(KEYS[2], tonumber(ARGV[3]))
return 1
`;
