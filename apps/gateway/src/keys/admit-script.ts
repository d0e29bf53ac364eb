/**
 * `admit`: checks every bucket of one key and reserves them all, or none. All keys share the key's
 * hash tag ({k:<id>}), so the script is one atomic step on one Redis (or cluster slot). Time is the
 * server's (`TIME`, integer milliseconds), so replicas with skewed clocks agree. The arithmetic is
 * gcra.ts' (the caller converts costs to milliseconds); every key written gets an expiry.
 *
 * KEYS: 1 requests TAT, 2 tokens TAT, 3 lease set (score = deadline), 4 usage hash of the period.
 * ARGV: 1-3 requests limit, period ms, cost ms (0 = no bucket); 4-6 the same for tokens;
 *       7 maxParallel (0 = none), 8 lease id, 9 lease ms; 10 estimated cost (micro-USD),
 *       11 budget (micro-USD, -1 = none), 12 usage expiry (ms since epoch).
 * Returns {allowed 1|0, now, refusal, retryAfterMs, requestsRemaining, requestsResetMs, tokensRemaining, tokensResetMs}
 * (-1 for a bucket the key does not have).
 */
export const ADMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function int(x) return string.format('%.0f', x) end
local refusal = ''
local retry = 0
local function refuse(reason, ms)
  if refusal == '' then refusal = reason end
  if ms > retry then retry = ms end
end

local estimate = tonumber(ARGV[10])
local budget = tonumber(ARGV[11])
if budget >= 0 then
  local spent = tonumber(redis.call('HGET', KEYS[4], 'costMicros') or '0')
  if spent + estimate > budget then refuse('budget', 0) end
end

local maxParallel = tonumber(ARGV[7])
if maxParallel > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  if redis.call('ZCARD', KEYS[3]) >= maxParallel then refuse('parallel', 1000) end
end

local function gcra(key, limit, period, cost, reason)
  local tat = tonumber(redis.call('GET', key) or '0')
  local base = math.max(tat, now)
  local nextTat = base + cost
  local held = nextTat
  if nextTat - now > period then
    refuse(reason, nextTat - period - now)
    held = base
    nextTat = nil
  end
  local remaining = math.floor((period - (held - now)) * limit / period)
  if remaining < 0 then remaining = 0 end
  return nextTat, remaining, held - now
end

local requestsTat, requestsRemaining, requestsReset = nil, -1, -1
local requestsCost = tonumber(ARGV[3])
if requestsCost > 0 then
  requestsTat, requestsRemaining, requestsReset = gcra(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), requestsCost, 'requests')
end
local tokensTat, tokensRemaining, tokensReset = nil, -1, -1
local tokensCost = tonumber(ARGV[6])
if tokensCost > 0 then
  tokensTat, tokensRemaining, tokensReset = gcra(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]), tokensCost, 'tokens')
end

if refusal ~= '' then
  return {0, now, refusal, retry, requestsRemaining, requestsReset, tokensRemaining, tokensReset}
end
if requestsTat then redis.call('SET', KEYS[1], int(requestsTat), 'PX', int(requestsTat - now + 1000)) end
if tokensTat then redis.call('SET', KEYS[2], int(tokensTat), 'PX', int(tokensTat - now + 1000)) end
if maxParallel > 0 then
  redis.call('ZADD', KEYS[3], int(now + tonumber(ARGV[9])), ARGV[8])
  redis.call('PEXPIRE', KEYS[3], ARGV[9])
end
redis.call('HINCRBY', KEYS[4], 'requests', 1)
if estimate ~= 0 then redis.call('HINCRBY', KEYS[4], 'costMicros', int(estimate)) end
redis.call('PEXPIREAT', KEYS[4], ARGV[12])
return {1, now, '', 0, requestsRemaining, requestsReset, tokensRemaining, tokensReset}
`;
