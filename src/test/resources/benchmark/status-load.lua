-- wrk script of the benchmark: GET the orchestrate API's status of one sync with the API's
-- headers, paced to WOOODOO_RATE requests a second (wrk has no rate option): every request gets
-- the next slot of a fixed schedule, and its connection waits for that slot. With enough
-- connections (-c) the rate holds while answers are slower than 1/rate; a request whose slot has
-- passed goes at once. One line is printed at the end for the benchmark to read.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } wooodoo_timeval;
  int gettimeofday(wooodoo_timeval *tv, void *tz);
]]
local tv = ffi.new("wooodoo_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local token = os.getenv("WOOODOO_TOKEN")
local org = os.getenv("WOOODOO_ORG")
local interval = 1000 / tonumber(os.getenv("WOOODOO_RATE") or "200")
local next_slot = nil

wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["x-org-id"] = org
wrk.headers["x-user-id"] = "benchmark"

function delay()
  local t = now_ms()
  if next_slot == nil or next_slot < t - 1000 then
    next_slot = t
  end
  local wait = next_slot - t
  next_slot = next_slot + interval
  if wait < 0 then
    return 0
  end
  return math.floor(wait)
end

function done(summary, latency, requests)
  io.write(string.format("WRK requests=%d duration_us=%d non2xx=%d connect_errors=%d read_errors=%d timeouts=%d "
      .. "p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
      summary.errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
