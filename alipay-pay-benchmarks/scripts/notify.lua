-- wrk script: posts one pre-signed notification per request, each for another order, and counts every answer that
-- is not "200 success". JITPAY_LOAD_BODIES names the bodies file, JITPAY_LOAD_PATH the endpoint.
local path = os.getenv("JITPAY_LOAD_PATH") or "/jitpay/alipay/notify"
local bodies = {}
for line in io.lines(os.getenv("JITPAY_LOAD_BODIES")) do
    bodies[#bodies + 1] = line
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"

-- Each thread runs in a Lua state of its own: it learns its index and the number of threads (its stride through the
-- bodies) from setup, which runs in the main state before any thread starts.
local threads = {}
function setup(thread)
    thread:set("index", #threads)
    table.insert(threads, thread)
    for _, each in ipairs(threads) do
        each:set("stride", #threads)
    end
end

-- JITPAY_LOAD_OFFSET: where this run starts in the bodies. Runs on the starter's endpoint go on where the last one
-- stopped: an instance remembers the reports that paid its last orders and answers the same report again without a
-- read, so a run that replayed them after the reset would measure that memory, not payments.
local offset = tonumber(os.getenv("JITPAY_LOAD_OFFSET") or "0")

function init(args)
    failures = 0
    next_body = index + offset
end

function request()
    next_body = next_body + stride
    return wrk.format(nil, path, nil, bodies[(next_body % #bodies) + 1])
end

function response(status, headers, body)
    if status ~= 200 or body ~= "success" then
        failures = failures + 1
    end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(threads) do
        failed = failed + thread:get("failures")
    end
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
            .. "max_ms=%.2f failed=%d socket_errors=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, failed, errors))
end
