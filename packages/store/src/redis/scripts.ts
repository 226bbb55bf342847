/*
 * Every read-modify-write of the Redis store is one Lua script, so it is atomic against every other
 * client, and control events are published in the same step as the change they announce. Hash
 * fields are named as the SQLite columns; an absent field is null.
 */

/**
 * KEYS: entry, names, ids. ARGV: name, config, enabled (1|0), state, next_run ('' for null), now,
 * channel, event. A new schedule's status follows `enabled`; a known one keeps its status unless
 * `enabled` changed, and keeps its id, counts and state.
 */
export const REGISTER_SCHEDULE = `
local status = ARGV[3] == '1' and 'active' or 'paused'
if redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('HGET', KEYS[1], 'enabled') == ARGV[3] then status = redis.call('HGET', KEYS[1], 'status') end
  redis.call('HSET', KEYS[1], 'config', ARGV[2], 'enabled', ARGV[3], 'status', status, 'updated_at', ARGV[6])
else
  redis.call('HSET', KEYS[1], 'id', redis.call('INCR', KEYS[3]), 'name', ARGV[1], 'config', ARGV[2],
    'enabled', ARGV[3], 'status', status, 'run_count', 0, 'error_count', 0, 'state', ARGV[4],
    'created_at', ARGV[6], 'updated_at', ARGV[6])
  redis.call('SADD', KEYS[2], ARGV[1])
end
if ARGV[5] == '' then redis.call('HDEL', KEYS[1], 'next_run') else redis.call('HSET', KEYS[1], 'next_run', ARGV[5]) end
redis.call('PUBLISH', ARGV[7], ARGV[8])
return redis.call('HGETALL', KEYS[1])
`

/**
 * KEYS: entry. ARGV: now, runs to add, errors to add, n, then n field/value pairs to set, then the
 * fields to clear. Nil when the schedule does not exist (a change never re-creates it).
 */
export const UPDATE_SCHEDULE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local n = tonumber(ARGV[4])
for i = 0, n - 1 do redis.call('HSET', KEYS[1], ARGV[5 + 2 * i], ARGV[6 + 2 * i]) end
for i = 5 + 2 * n, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
redis.call('HINCRBY', KEYS[1], 'run_count', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'error_count', ARGV[3])
redis.call('HSET', KEYS[1], 'updated_at', ARGV[1])
return redis.call('HGETALL', KEYS[1])
`

/** KEYS: entry. ARGV: status, now, channel, event. 1 when the schedule exists. */
export const SET_STATUS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updated_at', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`

/** KEYS: entry, names. ARGV: name, channel, event. 1 when it existed. */
export const REMOVE = `
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`

/** KEYS: entry. ARGV: channel, event. Publishes only when the entry exists; 1 when it does. */
export const NOTIFY_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1
`

/** KEYS: entry, names, ids. ARGV: name, config, queue, now, channel, event. */
export const DEFINE_JOB = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'id', redis.call('INCR', KEYS[3]), 'name', ARGV[1], 'created_at', ARGV[4])
  redis.call('SADD', KEYS[2], ARGV[1])
end
redis.call('HSET', KEYS[1], 'config', ARGV[2], 'queue', ARGV[3], 'updated_at', ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return redis.call('HGETALL', KEYS[1])
`

/**
 * Records the history rows of one turn and applies retention once, after all of them (the same end state
 * as one row at a time), and publishes the newest id. KEYS: seq, all ids, ids by age, the channel. ARGV: rows kept per name ('' for no bound),
 * cutoff (ms; '' for no bound), row key prefix, name key prefix, then per row: its name, its JSON, when
 * it was recorded (ms). Returns the rows' ids, in order.
 */
export const RECORD_RUNS = `
local ids, names = {}, {}
for i = 5, #ARGV, 3 do
  local id = redis.call('INCR', KEYS[1])
  local index = ARGV[4] .. ARGV[i]
  redis.call('SET', ARGV[3] .. id, ARGV[i + 1])
  redis.call('ZADD', KEYS[2], id, id)
  redis.call('ZADD', KEYS[3], ARGV[i + 2], id)
  redis.call('ZADD', index, id, id)
  names[index] = true
  ids[#ids + 1] = id
end
local function drop(old, index)
  if not index then
    local raw = redis.call('GET', ARGV[3] .. old)
    if raw then index = ARGV[4] .. cjson.decode(raw).name end
  end
  redis.call('DEL', ARGV[3] .. old)
  redis.call('ZREM', KEYS[2], old)
  redis.call('ZREM', KEYS[3], old)
  if index then redis.call('ZREM', index, old) end
end
if ARGV[1] ~= '' then
  for index in pairs(names) do
    for _, old in ipairs(redis.call('ZRANGE', index, 0, -(tonumber(ARGV[1]) + 1))) do drop(old, index) end
  end
end
if ARGV[2] ~= '' then
  for _, old in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[2])) do drop(old) end
end
if #ids > 0 then redis.call('PUBLISH', KEYS[4], ids[#ids]) end
return ids
`

/** KEYS: lock. ARGV: owner, ttl (ms). 1 when `owner` held it and its TTL was renewed. */
export const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`

/** KEYS: lock. ARGV: owner. 1 when `owner` held it and it was freed. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`

/**
 * KEYS: worker, workers. ARGV: id, JSON, ttl (ms), expiry (ms), now (ms). Also forgets expired
 * workers.
 */
export const HEARTBEAT = `
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
return 1
`
