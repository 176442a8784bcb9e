#!/usr/bin/env bash
# Runs the benchmarks behind BENCHMARKS.md. From the project root:
#   alipay-pay-benchmarks/run.sh build                  compile the benchmarks and what they need
#   alipay-pay-benchmarks/run.sh jmh [JMH options]      e.g. "jmh NotifyBenchmark", "jmh CreateBenchmark -p ..."
#   alipay-pay-benchmarks/run.sh load <h2|postgres> [s] HTTP load on the notify endpoint: c=8 and c=32, ours and baseline
#                                                       (every request settles a different order: 120,000 are prepared)
#   alipay-pay-benchmarks/run.sh startup [runs]         start-up time and heap of a bare app with and without the starter
# PostgreSQL runs use JITPAY_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
set -euo pipefail
cd "$(dirname "$0")"

classpath() {
    [ -f target/classpath.txt ] || { echo "Run '$0 build' first" >&2; exit 1; }
    echo "target/classes:$(cat target/classpath.txt)"
}

load() {
    local db=$1 duration=${2:-6} port=18080 orders=120000 url user=sa
    case "$db" in
        h2) url="jdbc:h2:mem:load;DB_CLOSE_DELAY=-1" ;;
        postgres)
            psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS jitpay_load CASCADE" \
                -c "CREATE SCHEMA jitpay_load" >/dev/null
            url="${JITPAY_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=jitpay_load"
            user=postgres ;;
        *) echo "load: h2 or postgres" >&2; exit 1 ;;
    esac
    mkdir -p target/load
    local log="target/load/app-$db.log" bodies="target/load/bodies-$db.txt"
    rm -f "$log"
    java -Xmx1g -cp "$(classpath)" io.jitpay.benchmarks.load.NotifyLoadApp --server.port=$port \
        --spring.datasource.url="$url" --spring.datasource.username=$user --bench.orders=$orders \
        --bench.bodies="$bodies" > "$log" 2>&1 &
    local app=$!
    trap "kill $app 2>/dev/null || true" EXIT
    until grep -qs READY "$log"; do
        kill -0 $app 2>/dev/null || { cat "$log"; exit 1; }
        sleep 1
    done
    export JITPAY_LOAD_BODIES="$bodies"
    local base="http://127.0.0.1:$port"
    for path in /jitpay/alipay/notify /baseline/notify; do
        # Warm-up, not recorded.
        JITPAY_LOAD_PATH=$path wrk -t1 -c32 -d10s -s scripts/notify.lua "$base" > /dev/null
        curl -s -X POST "$base/bench/reset" > /dev/null
    done
    for connections in 8 32; do
        for path in /jitpay/alipay/notify /baseline/notify; do
            curl -s -X POST "$base/bench/reset" > /dev/null
            echo -n "$db c=$connections $path "
            JITPAY_LOAD_PATH=$path wrk -t1 -c$connections -d${duration}s -s scripts/notify.lua "$base" | grep RESULT \
                | awk -v orders=$orders '{ print } /requests=/ { split($2, r, "="); if (r[2] > orders) \
                    print "  (more requests than orders: some were duplicates; shorten the run)" }'
        done
    done
    kill $app
    wait $app 2>/dev/null || true
}

case "${1:-}" in
    build) (cd .. && ./mvnw -B -q -pl alipay-pay-benchmarks -am package -DskipTests) ;;
    jmh) shift; exec java -cp "$(classpath)" org.openjdk.jmh.Main "$@" ;;
    load) load "${2:-h2}" "${3:-6}" ;;
    startup) exec java -cp "$(classpath)" io.jitpay.benchmarks.startup.StartupComparison "${2:-7}" ;;
    *) sed -n '2,8p' "$0"; exit 1 ;;
esac
