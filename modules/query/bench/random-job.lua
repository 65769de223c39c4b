-- wrk script: GetMmsJob of a random one of the bench's jobs (job i belongs to source 1 + i % 100).
local jobs = tonumber(os.getenv("BENCH_JOBS") or "100000")

request = function()
  local id = math.random(1, jobs)
  return wrk.format("GET", "/api/v1/mms/datasources/" .. (1 + id % 100) .. "/jobs/" .. id)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in pairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s latency: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("non-2xx or socket errors: %d / %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
