/**
 * `renew`: moves a live lease's deadline to `leaseMs` from now (server `TIME`), and the lease set's
 * expiry with it. A lease that lapsed or was settled is not revived (its slot may be taken).
 *
 * KEYS: 1 lease set (score = deadline). ARGV: 1 lease id, 2 lease ms. Returns 1 renewed, 0 gone.
 */
export const RENEW_LEASE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) <= now then return 0 end
redis.call('ZADD', KEYS[1], 'XX', string.format('%.0f', now + tonumber(ARGV[2])), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;
