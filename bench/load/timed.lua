-- wrk script: one connection per thread; logs each answer's page, status and latency to a file per thread.
-- The requests to send come from the file named by the environment variable WRK_PLAN: one request
-- a line, "name<TAB>method<TAB>path<TAB>cookie<TAB>body" (cookie and body may be empty); a line's
-- share of the mix is how often it appears. Each thread walks the plan from its own offset.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } smhn_timespec;
  int clock_gettime(int clk_id, smhn_timespec *tp);
]]
local ts = ffi.new("smhn_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local plan = {}
for line in io.lines(os.getenv("WRK_PLAN")) do
  local name, method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  if body ~= "" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  plan[#plan + 1] = { name = name, req = wrk.format(method, path, headers, body ~= "" and body or nil) }
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  position = (id * 7) % #plan
  -- One file per thread, a line per answer: "name<TAB>status<TAB>milliseconds".
  log = io.open(os.getenv("WRK_OUT") .. "." .. id, "w")
  log:setvbuf("line")
end

function request()
  position = position % #plan + 1
  current = plan[position]
  started = now_ms()
  return current.req
end

function response(status, headers, body)
  log:write(current.name, "\t", status, "\t", string.format("%.3f", now_ms() - started), "\n")
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write('{"seconds": ', summary.duration / 1e6, ', "requests": ', summary.requests, ', "socket_errors": ',
    errors.connect + errors.read + errors.write + errors.timeout, '}\n')
end
