-- wrk script of bench/load: respondents viewing questionnaire pages and autosaving answers.
-- Arguments (after `--`): SCHEDULE_FILE WRK_THREADS VIEWS_PER_SAVE CONNECTIONS START_DELAY_MS
--   SCHEDULE_FILE: tab-separated lines, written by bench/load/bench.py:
--     statement <TAB> ID <TAB> PAGE      every statement, in instrument order, with its page number
--     respondent <TAB> COOKIE <TAB> CSRF a signed-in respondent's Cookie header value and CSRF token
--   VIEWS_PER_SAVE: page views between two saves; a negative number: page views only.
--   START_DELAY_MS: how long each of the CONNECTIONS waits before its first request (see delay()).
-- Each wrk thread takes its own share of the respondents (every WRK_THREADS-th), so that it alone
-- writes their answers and knows every answer's version: answers start at version 0 and each save
-- adds one. A thread's saves go round its respondents, statement by statement; once every
-- (respondent, statement) pair has been saved, the next pass starts again with version + 1. A pair
-- is thus rewritten only after all the thread's other pairs (15,872 saves with 128 respondents),
-- long after its previous save was answered, and a stale version (409) means a lost save.
-- Every request carries one respondent's session cookie; saves carry its CSRF token too.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local VALUES = { "0", "1", "2", "3", "4", "DK", "NA" }

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  views_per_save = tonumber(args[3])
  first_requests = math.floor(tonumber(args[4]) / nthreads)
  start_delay_ms = tonumber(args[5])
  statements, respondents, pages = {}, {}, 0
  local n = 0
  for line in io.lines(path) do
    local kind, a, b = line:match("^(%a+)\t([^\t]+)\t([^\t]+)$")
    if kind == "statement" then
      table.insert(statements, { id = a, page = tonumber(b) })
      pages = math.max(pages, tonumber(b))
    elseif kind == "respondent" then
      if n % nthreads == index then table.insert(respondents, { cookie = a, csrf = b }) end
      n = n + 1
    end
  end
  assert(#statements > 0 and #respondents > 0, "bench/load: empty schedule for thread " .. index)
  calls, views, saves, passes, delays = 0, 0, 0, 0, 0
  statuses = {}
end

-- wrk opens all its connections at once and sends at once. Holding back each connection's first
-- request until all are open measures 256 clients that are connected, not a connection storm
-- (before METER accepted several connections at once, the last ones waited seconds to be accepted:
-- docs/performance.md). Later requests: no delay.
function delay()
  if delays < first_requests then
    delays = delays + 1
    return start_delay_ms
  end
  return 0
end

-- The next page view: the respondents in turn, each time the next page.
local function view()
  local r = respondents[views % #respondents + 1]
  local page = math.floor(views / #respondents) % pages + 1
  views = views + 1
  return wrk.format("GET", "/q/" .. page, { Cookie = r.cookie })
end

-- The next autosave, with the version the answer has now (see the top of this file).
local function save()
  local per_pass = #respondents * #statements
  local pass, p = math.floor(saves / per_pass), saves % per_pass
  local r = respondents[p % #respondents + 1]
  local s = statements[math.floor(p / #respondents) + 1]
  local value = VALUES[(pass + p) % #VALUES + 1]
  saves, passes = saves + 1, pass + 1
  return wrk.format("PUT", "/api/answers/" .. s.id, {
    Cookie = r.cookie,
    ["X-CSRF-Token"] = r.csrf,
    ["Content-Type"] = "application/json",
  }, '{"value":"' .. value .. '","version":' .. pass .. '}')
end

-- Every (VIEWS_PER_SAVE + 1)-th request is a save. The first call is a view, which matters: wrk
-- calls request() once more than it sends, on its first thread, to check the request's format
-- (a save there would never be sent, and the next pass would send its version + 1: a 409).
function request()
  calls = calls + 1
  if views_per_save >= 0 and calls > 1 and calls % (views_per_save + 1) == 0 then return save() end
  return view()
end

-- Counts responses by status and kind (a JSON reply to a save, an HTML page): wrk itself counts
-- only statuses above 399, and a 303 to the sign-in page would be a lost session.
function response(status, headers, body)
  local kind = "html"
  for name, value in pairs(headers) do
    if name:lower() == "content-type" and value:find("json", 1, true) then kind = "json" end
  end
  local key = status .. " " .. kind
  statuses[key] = (statuses[key] or 0) + 1
end

-- Prints, for bench.py, what each thread sent, the responses by status and kind, and p99.9.
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for key, count in pairs(t:get("statuses")) do total[key] = (total[key] or 0) + count end
    io.write(string.format("thread %d: %d page views, %d saves, pass %d\n", t:get("index"),
      t:get("views"), t:get("saves"), t:get("passes")))
  end
  for key, count in pairs(total) do io.write(string.format("status %s %d\n", key, count)) end
  io.write(string.format("latency p99.9 %d\n", latency:percentile(99.9)))
end
