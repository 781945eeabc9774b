-- bench/jobs_queue/post_jobs.lua: wrk script for POST /api/jobs (a no-op
-- job per request) with a bearer token from the environment
-- (PLAYCLOCK_BENCH_TOKEN). Counts the answers that are not 202 per thread and
-- prints the totals at the end, one line: "wrk-status 202=<n> other=<m>".
--
--   PLAYCLOCK_BENCH_TOKEN=... wrk -t2 -c32 -d10s -s post_jobs.lua http://127.0.0.1:PORT/api/jobs

local token = os.getenv("PLAYCLOCK_BENCH_TOKEN") or ""

wrk.method = "POST"
wrk.body = '{"type":"noop","params":{}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  other = 0
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  io.write(string.format("wrk-status 202=%d other=%d\n", a, o))
end
