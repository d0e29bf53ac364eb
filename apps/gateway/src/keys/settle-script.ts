/**
 * `settle`: applies what a finished request really used. Moves the tokens TAT by actual − estimate
 * (a refund never moves it before now), drops the request's lease, adds tokens and the cost
 * correction to the period's usage hash. Server `TIME`, integer milliseconds, expiry on every key.
 *
 * KEYS: 1 tokens TAT, 2 lease set, 3 usage hash of the period.
 * ARGV: 1 tokens delta ms (0 = none), 2 lease id ('' = none), 3 prompt, 4 completion, 5 cached,
 *       6 reasoning tokens, 7 cost delta (micro-USD), 8 usage expiry (ms since epoch), 9 unpriced model ('' = none).
 */
export const SETTLE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function int(x) return string.format('%.0f', x) end
local delta = tonumber(ARGV[1])
if delta ~= 0 then
  local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
  local nextTat = math.max(math.max(tat, now) + delta, now)
  if nextTat > now then
    redis.call('SET', KEYS[1], int(nextTat), 'PX', int(nextTat - now + 1000))
  else
    redis.call('DEL', KEYS[1])
  end
end
if ARGV[2] ~= '' then redis.call('ZREM', KEYS[2], ARGV[2]) end
local fields = {'prompt', 'completion', 'cached', 'reasoning', 'costMicros'}
for i = 1, 5 do
  local amount = tonumber(ARGV[i + 2])
  if amount ~= 0 then redis.call('HINCRBY', KEYS[3], fields[i], int(amount)) end
end
if ARGV[9] ~= '' then redis.call('HINCRBY', KEYS[3], 'unpriced:' .. ARGV[9], 1) end
redis.call('PEXPIREAT', KEYS[3], ARGV[8])
return 1
`;
