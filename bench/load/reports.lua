-- wrk script of bench/load's campaign mix: a coordinator or analyst reading one round's results
-- while its respondents answer (bench/load/mix.lua, in a wrk of its own at the same time).
-- Arguments (after `--`): COOKIE ROUND_ID
--   COOKIE: a signed-in coordinator's Cookie header value; ROUND_ID: the round they coordinate.
-- Requests go round the results page, the PDF report, the Way Forward page and the XLSX workbook,
-- each computed from answers that keep changing. Responses are counted by status, as in mix.lua.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  cookie, round_id = args[1], args[2]
  paths = {
    "/rounds/" .. round_id .. "/results",
    "/rounds/" .. round_id .. "/download/pdf",
    "/rounds/" .. round_id .. "/way-forward",
    "/rounds/" .. round_id .. "/download/xlsx",
  }
  calls, statuses, kinds = 0, {}, {}
end

function request()
  calls = calls + 1
  return wrk.format("GET", paths[calls % #paths + 1], { Cookie = cookie })
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

-- Prints, for bench.py, the responses by status.
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for key, count in pairs(t:get("statuses")) do total[key] = (total[key] or 0) + count end
  end
  for key, count in pairs(total) do io.write(string.format("status %s report %d\n", key, count)) end
end
