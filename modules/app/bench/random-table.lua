-- wrk script: GetMmsTable of a random table of the simulator's fleet (source k, 0-based, holds the table ids
-- 100000001 + k * TABLES + 0 .. TABLES-1; sources 2000001 ..). Counts answers by status.
local sources = tonumber(os.getenv("BENCH_SOURCES") or "10")
local tables = tonumber(os.getenv("BENCH_TABLES") or "100000")

request = function()
  local s = math.random(0, sources - 1)
  local t = math.random(0, tables - 1)
  return wrk.format("GET", "/api/v1/mms/datasources/" .. (2000001 + s) .. "/tables/" .. (100000001 + s * tables + t))
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f, p50 %.2f ms, p99 %.2f ms, errors %d of %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
