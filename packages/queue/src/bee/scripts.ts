import { createHash } from 'node:crypto'
import { command, type Turn, type V3Client } from './client'

/**
 * The adapter's own Lua scripts: every change to a job's state is one script, so the fencing check and
 * the change it guards happen atomically. Called by SHA, and sent whole when Redis does not know it
 * (first use, or after a restart emptied the script cache).
 */
export class Script {
  readonly #text: string
  readonly #sha: string

  constructor(text: string) {
    this.#text = text
    this.#sha = createHash('sha1').update(text).digest('hex')
  }

  async run<T = unknown>(client: V3Client, keys: readonly string[], args: readonly unknown[]): Promise<T> {
    try {
      return await command<T>(client, 'evalsha', [this.#sha, keys.length, ...keys, ...args])
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error
      return command<T>(client, 'eval', [this.#text, keys.length, ...keys, ...args])
    }
  }
}

const LEASE_LOST = `cjson.encode({name = 'QueueError', code = 'QUEUE_LEASE_LOST', message = 'Attempt ' .. attempt .. ' of job ' .. ARGV[5] .. ' lost its lease: its worker stopped renewing it (it died or froze)'})`

/**
 * Starts an attempt (its `startedAt` stays empty until the processor starts the job: {@link started}). A
 * lapsed attempt that never started (its worker died holding it) is not counted, but its lapse is
 * (`lapses`: see `markStarted` in internal/markedStart.ts). KEYS: state, running set, failed set. ARGV:
 * now, leaseMs, worker, maxAttempts, id, takeover, the ended channel (`Keys.ended`). Returns `{'claimed', token, attempt, lostAttempt,
 * lapses}`, `{'held'}` while another attempt's lease lives, `{'done'}` when there is nothing to run
 * (ended, cancelled; or, for a takeover, nobody died), or `{'exhausted', lostAttempt}` when the attempt that died was the last.
 */
export const claim = new Script(`
local now = tonumber(ARGV[1])
local s = redis.call('hmget', KEYS[1], 'status', 'leaseUntil', 'attempt', 'startedAt', 'lapses')
local status, lease, attempt = s[1], tonumber(s[2] or '0') or 0, tonumber(s[3] or '0') or 0
local lapses = tonumber(s[5] or '0') or 0
if status == 'running' and lease > now then return {'held'} end
if status ~= 'running' and (ARGV[6] == '1' or status == 'completed' or status == 'failed' or status == 'cancelled') then
  return {'done'}
end
local lost = 0
if status == 'running' and (s[4] or '') == '' then
  attempt = attempt - 1
  lapses = redis.call('hincrby', KEYS[1], 'lapses', 1)
elseif status == 'running' then
  lost = attempt
  redis.call('hset', KEYS[1], 'error', ${LEASE_LOST})
  if attempt >= tonumber(ARGV[4]) then
    redis.call('hset', KEYS[1], 'status', 'failed', 'completedAt', now, 'leaseUntil', 0)
    redis.call('srem', KEYS[2], ARGV[5])
    redis.call('sadd', KEYS[3], ARGV[5])
    redis.call('publish', ARGV[7], ARGV[5])
    return {'exhausted', lost}
  end
end
local token = redis.call('hincrby', KEYS[1], 'token', 1)
redis.call('hset', KEYS[1], 'status', 'running', 'attempt', attempt + 1, 'leaseUntil', now + tonumber(ARGV[2]),
  'startedAt', '', 'worker', ARGV[3], 'progress', 'null', 'runAt', '')
redis.call('sadd', KEYS[2], ARGV[5])
return {'claimed', token, attempt + 1, lost, lapses}
`)

const HELD = `local s = redis.call('hmget', KEYS[1], 'status', 'token')
if s[1] ~= 'running' or s[2] ~= ARGV[1] then return 0 end`

/**
 * Takes up to `max` jobs for one processor, highest band first, in one call: each moves from bee-queue's
 * waiting list to its active list (as bee-queue's own worker does) and, when nothing else holds it, starts
 * its attempt as {@link claim} does. KEYS: per band, highest first: bee waiting, bee active, bee jobs, bee
 * stalling, the queue's running set. ARGV: now, leaseMs, worker, max, prefix of the state keys, then per
 * band the prefix of its job ids. Returns `{band index, bee id, stored job, token, attempt, lapses}` per
 * job; the token is '' for a job whose state needs the full {@link claim} (a lease that may live or has lapsed, or
 * a job already ended): it stays active for that.
 */
export const take = new Script(`
local now, lease, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
local out = {}
for b = 0, #KEYS / 5 - 1 do
  local k = b * 5
  while #out < max do
    local beeId = redis.call('rpoplpush', KEYS[k + 1], KEYS[k + 2])
    if not beeId then break end
    local stored = redis.call('hget', KEYS[k + 3], beeId)
    if not stored then
      redis.call('lrem', KEYS[k + 2], 0, beeId)
    else
      local id = ARGV[6 + b] .. beeId
      local state = ARGV[5] .. id
      local s = redis.call('hmget', state, 'status', 'attempt', 'lapses')
      if not s[1] or s[1] == 'pending' then
        local token = redis.call('hincrby', state, 'token', 1)
        local attempt = (tonumber(s[2] or '0') or 0) + 1
        redis.call('hset', state, 'status', 'running', 'attempt', attempt, 'leaseUntil', now + lease,
          'startedAt', '', 'worker', ARGV[3], 'progress', 'null', 'runAt', '')
        redis.call('sadd', KEYS[k + 5], id)
        out[#out + 1] = {b, beeId, stored, tostring(token), attempt, tonumber(s[3] or '0') or 0}
      else
        out[#out + 1] = {b, beeId, stored, '', 0, 0}
      end
    end
  end
end
return out
`)

/**
 * Marks attempts started: from then on a lapsed lease counts the attempt as lost. Per job, KEYS: state;
 * ARGV: token, now. Returns 1 or 0 per job.
 */
export const started = new Script(`
local out = {}
for j = 1, #KEYS do
  local s = redis.call('hmget', KEYS[j], 'status', 'token')
  if s[1] == 'running' and s[2] == ARGV[j * 2 - 1] then
    redis.call('hset', KEYS[j], 'startedAt', ARGV[j * 2])
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out`)

/** KEYS: state, bee stalling. ARGV: token, leaseUntil, bee id. Also keeps bee-queue's stall check off the job. */
export const heartbeat = new Script(`${HELD}
redis.call('hset', KEYS[1], 'leaseUntil', ARGV[2])
redis.call('srem', KEYS[2], ARGV[3])
return 1`)

/**
 * Completes attempts and finishes their bee-queue jobs as its worker would (out of active, into
 * succeeded), each only when its token still holds the job. Per job, KEYS: state, running, completed,
 * bee active, bee stalling, bee succeeded; ARGV: token, now, result JSON, id, bee id, the ended channel
 * (`Keys.ended`). Returns 1 or 0 per job.
 */
export const complete = new Script(`
local out = {}
for j = 0, #KEYS / 6 - 1 do
  local k, a = j * 6, j * 6
  local s = redis.call('hmget', KEYS[k + 1], 'status', 'token')
  if s[1] ~= 'running' or s[2] ~= ARGV[a + 1] then
    out[#out + 1] = 0
  else
    redis.call('hset', KEYS[k + 1], 'status', 'completed', 'completedAt', ARGV[a + 2], 'result', ARGV[a + 3],
      'error', '', 'leaseUntil', 0)
    redis.call('srem', KEYS[k + 2], ARGV[a + 4])
    redis.call('sadd', KEYS[k + 3], ARGV[a + 4])
    redis.call('lrem', KEYS[k + 4], 0, ARGV[a + 5])
    redis.call('srem', KEYS[k + 5], ARGV[a + 5])
    redis.call('sadd', KEYS[k + 6], ARGV[a + 5])
    redis.call('publish', ARGV[a + 6], ARGV[a + 4])
    out[#out + 1] = 1
  end
end
return out`)

/**
 * Fails the attempt and moves the bee-queue job on as its worker would: back in line (at once, or delayed
 * to its retry, which wakes the workers' delay timers), or into failed. KEYS: state, running, failed, bee
 * active, bee stalling, bee waiting, bee delayed, bee failed, bee earlierDelayed channel. ARGV: token, now,
 * error JSON, runAt of the retry or '' when final, id, bee id, the ended channel (`Keys.ended`).
 */
export const fail = new Script(`${HELD}
redis.call('srem', KEYS[2], ARGV[5])
redis.call('lrem', KEYS[4], 0, ARGV[6])
redis.call('srem', KEYS[5], ARGV[6])
if ARGV[4] ~= '' then
  redis.call('hset', KEYS[1], 'status', 'pending', 'runAt', ARGV[4], 'error', ARGV[3], 'leaseUntil', 0)
  if tonumber(ARGV[4]) <= tonumber(ARGV[2]) then
    redis.call('lpush', KEYS[6], ARGV[6])
  else
    redis.call('zadd', KEYS[7], ARGV[4], ARGV[6])
    redis.call('publish', KEYS[9], ARGV[4])
  end
  return 1
end
redis.call('hset', KEYS[1], 'status', 'failed', 'completedAt', ARGV[2], 'error', ARGV[3], 'leaseUntil', 0)
redis.call('sadd', KEYS[3], ARGV[5])
redis.call('sadd', KEYS[8], ARGV[6])
redis.call('publish', ARGV[7], ARGV[5])
return 1`)

/** Hands a job back, attempt not counted. KEYS: state, running, bee active, bee waiting, bee stalling. ARGV: token, id, bee id. */
export const release = new Script(`${HELD}
redis.call('hset', KEYS[1], 'status', 'pending', 'leaseUntil', 0)
redis.call('hincrby', KEYS[1], 'attempt', -1)
redis.call('srem', KEYS[2], ARGV[2])
redis.call('lrem', KEYS[3], 0, ARGV[3])
redis.call('srem', KEYS[5], ARGV[3])
redis.call('rpush', KEYS[4], ARGV[3])
return 1`)

/** Puts a job taken from bee-queue but never started back at the head of the line. KEYS: active, waiting. ARGV: bee id. */
export const requeue = new Script(`
if redis.call('lrem', KEYS[1], 0, ARGV[1]) > 0 then redis.call('rpush', KEYS[2], ARGV[1]) end
return 1`)

/**
 * Finishes a bee-queue job that has nothing (more) to run here: out of active; into bee-queue's failed set
 * when its last attempt was lost. KEYS: bee active, bee stalling, bee failed. ARGV: bee id, '1' when failed.
 */
export const drop = new Script(`
redis.call('lrem', KEYS[1], 0, ARGV[1])
redis.call('srem', KEYS[2], ARGV[1])
if ARGV[2] == '1' then redis.call('sadd', KEYS[3], ARGV[1]) end
return 1`)

/** KEYS: state, bee events channel. ARGV: token, progress JSON, bee id. */
export const progress = new Script(`${HELD}
redis.call('hset', KEYS[1], 'progress', ARGV[2])
redis.call('publish', KEYS[2], '{"id":"' .. ARGV[3] .. '","event":"progress","data":' .. ARGV[2] .. '}')
return 1`)

/** Cancels a waiting or delayed job. KEYS: state, bee waiting, bee delayed, cancelled. ARGV: bee id, id, now, the ended channel. */
export const cancel = new Script(`
local removed = redis.call('lrem', KEYS[2], 0, ARGV[1]) + redis.call('zrem', KEYS[3], ARGV[1])
if removed == 0 then return 0 end
redis.call('hset', KEYS[1], 'status', 'cancelled', 'completedAt', ARGV[3], 'runAt', '')
redis.call('sadd', KEYS[4], ARGV[2])
redis.call('publish', ARGV[4], ARGV[2])
return 1`)

/** Runs a failed or cancelled job again. KEYS: state, failed, cancelled, bee waiting, bee failed. ARGV: id, bee id. */
export const retry = new Script(`
if redis.call('srem', KEYS[2], ARGV[1]) + redis.call('srem', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('srem', KEYS[5], ARGV[2])
redis.call('hset', KEYS[1], 'status', 'pending', 'attempt', 0, 'error', '', 'result', '', 'progress', '',
  'startedAt', '', 'completedAt', '', 'runAt', '')
redis.call('lpush', KEYS[4], ARGV[2])
return 1`)

/**
 * A page of one band's jobs in `status` (any without one), in the order of an index (`Keys.index`, or
 * `Keys.named` for one name), after skipping `skip` of them: `{bee id, created at, …}`, at most `want`;
 * with `want` -1, how many match. A job's status is read as the adapter shows it (a running attempt whose
 * lease ran out is pending). When the jobs that may have `status` (the sources: the status set, or
 * bee-queue's waiting list and delayed set) are few, only they are read and sorted; else the index is
 * walked in order until the page is full, so a page costs what it skips and returns.
 * KEYS: the index, then the sources. ARGV: now, status or '', skip, want, '1' for newest first, prefix of
 * the band's state keys, prefix of the band's job ids, then per source its kind ('ids': a set of job ids,
 * 'list' or 'zset' of bee ids).
 */
export const page = new Script(`
local now, status, skip, want = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local newest, states, ids = ARGV[5] == '1', ARGV[6], ARGV[7]
local FEW = 10000
local out, found = {}, 0
local function matches(beeId)
  if status == '' then return true end
  local s = redis.call('hmget', states .. beeId, 'status', 'leaseUntil')
  local current = s[1] or 'pending'
  if current == '' or (current == 'running' and (tonumber(s[2] or '0') or 0) < now) then current = 'pending' end
  return current == status
end
local function take(beeId, score)
  found = found + 1
  if want > 0 and found > skip then
    out[#out + 1] = beeId
    out[#out + 1] = score
  end
  return want > 0 and #out / 2 >= want
end
if want == 0 then return out end
local sources, total = {}, 0
for k = 2, #KEYS do
  local kind = ARGV[6 + k]
  local size
  if kind == 'list' then size = redis.call('llen', KEYS[k])
  elseif kind == 'zset' then size = redis.call('zcard', KEYS[k])
  else size = redis.call('scard', KEYS[k]) end
  total = total + size
  sources[#sources + 1] = {kind, KEYS[k]}
end
if status ~= '' and total <= FEW then
  local seen, picked = {}, {}
  for _, source in ipairs(sources) do
    local kind, key = source[1], source[2]
    local members
    if kind == 'list' then members = redis.call('lrange', key, 0, -1)
    elseif kind == 'zset' then members = redis.call('zrange', key, 0, -1)
    else members = redis.call('smembers', key) end
    for _, member in ipairs(members) do
      local beeId = member
      if kind == 'ids' then
        beeId = string.sub(member, 1, #ids) == ids and string.sub(member, #ids + 1) or nil
      end
      if beeId and not seen[beeId] then
        seen[beeId] = true
        local score = redis.call('zscore', KEYS[1], string.format('%016d', tonumber(beeId)))
        if score and matches(beeId) then picked[#picked + 1] = {tonumber(score), tonumber(beeId), score} end
      end
    end
  end
  table.sort(picked, function(a, b)
    if a[1] ~= b[1] then return (a[1] < b[1]) ~= newest end
    return (a[2] < b[2]) ~= newest
  end)
  for _, job in ipairs(picked) do
    if take(tostring(job[2]), job[3]) then break end
  end
else
  local range = newest and 'zrevrange' or 'zrange'
  local start, chunk = 0, 500
  if status == '' and want > 0 then start, skip, chunk = skip, 0, want end
  while true do
    local members = redis.call(range, KEYS[1], start, start + chunk - 1, 'WITHSCORES')
    if #members == 0 then break end
    for i = 1, #members, 2 do
      local beeId = tostring(tonumber(members[i]))
      if matches(beeId) and take(beeId, members[i + 1]) then return out end
    end
    start = start + chunk
  end
end
if want < 0 then return found end
return out`)

/** How long a lazy call may wait for another command to ride along with, in ms. */
const LAZY_MS = 2

/**
 * Calls of one per-job script (`complete`) made in one event-loop turn go to Redis as one call over all
 * of them: a worker finishing many jobs at once sends one command, not one per job. A lazy call waits up
 * to {@link LAZY_MS} for the next turn that writes anything, so one command carries the calls of several
 * turns (a worker finishing one job after another writes once per few jobs, not once per job).
 */
export class PerTurn {
  readonly #client: V3Client
  readonly #turn: Turn
  readonly #script: Script
  #keys: string[] = []
  #args: unknown[] = []
  #waiting: { resolve(reply: number): void; reject(error: unknown): void }[] = []
  #thisTurn = false
  #timer: NodeJS.Timeout | undefined

  constructor(client: V3Client, turn: Turn, script: Script) {
    this.#client = client
    this.#turn = turn
    this.#script = script
    turn.ride(() => this.#flush())
  }

  call(keys: readonly string[], args: readonly unknown[], lazy = false): Promise<number> {
    return new Promise((resolve, reject) => {
      if (!lazy && !this.#thisTurn) {
        this.#thisTurn = true
        this.#turn.request()
      } else if (lazy) {
        this.#timer ??= setTimeout(() => this.#turn.request(), LAZY_MS)
      }
      this.#keys.push(...keys)
      this.#args.push(...args)
      this.#waiting.push({ resolve, reject })
    })
  }

  #flush(): void {
    this.#thisTurn = false
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#waiting.length === 0) return
    const waiting = this.#waiting
    const sent = this.#script.run<number[]>(this.#client, this.#keys, this.#args)
    this.#keys = []
    this.#args = []
    this.#waiting = []
    sent.then(
      (replies) => {
        for (const [i, { resolve }] of waiting.entries()) resolve(Number(replies[i]))
      },
      (error) => {
        for (const { reject } of waiting) reject(error)
      },
    )
  }
}
