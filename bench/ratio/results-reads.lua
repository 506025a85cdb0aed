-- results-reads.lua: wrk script reading a poll's results as a live results page does (measurement tool, not product
-- code): GET READ_PATH with If-None-Match carrying the last ETag this connection saw, so most answers are 304s, and
-- a pause of DELAY_MS (1) after each answer, so C connections offer at most C x 1000 / DELAY_MS reads a second.
--
--   READ_PATH=/v1/polls/p1/results DELAY_MS=1 wrk -t1 -c20 -d15s -s results-reads.lua http://127.0.0.1:8080
--
-- Last line printed: READS requests=<n> rps=<answers/s> p99_ms=<ms> not_modified=<n> errors=<n>, then the first
-- answers over 399, if any, as STATUS lines (a 5xx here is a bug).

local path = os.getenv("READ_PATH") or "/v1/polls/p1/results"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "1")
-- Per thread, and global so that done() can read them from each thread.
etag = nil
not_modified, errors, shown = 0, 0, 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

request = function()
  local headers = {}
  if etag then
    headers["If-None-Match"] = etag
  end
  return wrk.format("GET", path, headers)
end

response = function(status, headers, body)
  etag = headers["ETag"] or headers["etag"] or etag
  if status == 304 then
    not_modified = not_modified + 1
  elseif status > 399 then
    errors = errors + 1
    if shown < 3 then
      shown = shown + 1
      io.write("STATUS " .. status .. " " .. (body or "") .. "\n")
    end
  end
end

delay = function()
  return delay_ms
end

done = function(summary, latency, requests)
  local total_304, total_errors = 0, 0
  for _, thread in ipairs(threads) do
    total_304 = total_304 + (thread:get("not_modified") or 0)
    total_errors = total_errors + (thread:get("errors") or 0)
  end
  io.write(string.format("READS requests=%d rps=%.0f p99_ms=%.3f not_modified=%d errors=%d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, total_304, total_errors))
end
