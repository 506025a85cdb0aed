-- Copied from ../shared/perf/ballot.lua (the peer-baseline harness beside the project), unchanged below this
-- header, so that bench/run-ratio.sh loads Urne and the ceiling exactly as ../shared/perf/urne-vs-peers.sh does
-- without depending on ../shared. Keep the two in step: a different body or draw would change the ratio.
--
-- ballot.lua: wrk script that POSTs realistic JSON ballots (measurement tool, not product code).
--
--   TOKEN=secret VOTERS=1000000 wrk -t1 -c64 -d15s -s ballot.lua http://127.0.0.1:8080/v1/polls/p1/ballots
--
-- Body: {"ballotId":"<uuid>","voter":"v-<1..VOTERS>","channel":"digital","selections":[1 to 5 distinct ids in 1..40]}
-- Headers: Content-Type: application/json, and Authorization: Bearer $TOKEN when TOKEN is set.
-- The path is the one on the wrk command line.
--
-- ballotId is a valid UUID string, unique per request across threads and runs:
--   <per-thread random salt from /dev/urandom>-<thread id>-4<random>-<variant+random>-<per-thread counter>
--
-- Last line printed:
--   RESULT rps=<req/s> non2xx=<n> p50_ms=<ms> p99_ms=<ms> requests=<n> sock_err=<n>
-- Counting non-2xx needs a Lua response() callback, which costs wrk CPU (see README).
-- FAST=1 leaves response() out; non2xx then comes from wrk's own counter, which counts only status >= 400.

local token = os.getenv("TOKEN")
local voters = tonumber(os.getenv("VOTERS") or "") or 1000000
local fast = os.getenv("FAST") == "1"
local ITEMS, MAX_PICK = 40, 5

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. token
end

-- setup() runs in the main Lua state once per thread; done() can then read each thread's counters.
local threads = {}
function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

local function urandom_u32()
   local f = io.open("/dev/urandom", "rb")
   if not f then return nil end
   local a, b, c, d = f:read(4):byte(1, 4)
   f:close()
   return ((a * 256 + b) * 256 + c) * 256 + d
end

-- Per-thread state (each wrk thread has its own Lua state).
local salt, counter, items
non2xx = 0

function init(args)
   local id = tid or 0
   math.randomseed(urandom_u32() or (os.time() + id * 7919))
   salt = urandom_u32() or math.random(0, 0xffffffff)
   counter = 0
   items = {}
   for i = 1, ITEMS do items[i] = i end
end

function request()
   counter = counter + 1
   local ballot_id = string.format("%08x-%04x-4%03x-%04x-%012x",
      salt, (tid or 0) % 0x10000, math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), counter)
   -- k distinct items: partial Fisher-Yates shuffle of 1..ITEMS
   local k = math.random(1, MAX_PICK)
   for i = 1, k do
      local j = math.random(i, ITEMS)
      items[i], items[j] = items[j], items[i]
   end
   local body = '{"ballotId":"' .. ballot_id .. '","voter":"v-' .. math.random(1, voters)
      .. '","channel":"digital","selections":[' .. table.concat(items, ",", 1, k) .. ']}'
   return wrk.format(nil, nil, nil, body)
end

if not fast then
   function response(status, headers, body)
      if status < 200 or status > 299 then
         non2xx = non2xx + 1
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   if fast then
      bad = summary.errors.status
   else
      for _, thread in ipairs(threads) do
         bad = bad + (thread:get("non2xx") or 0)
      end
   end
   local e = summary.errors
   io.write(string.format("RESULT rps=%.0f non2xx=%d p50_ms=%.3f p99_ms=%.3f requests=%d sock_err=%d\n",
      summary.requests / (summary.duration / 1e6), bad,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.requests, e.connect + e.read + e.write + e.timeout))
end
