#!/usr/bin/env bash
# Runs the benchmarks behind BENCHMARKS.md. From the project root:
#   alipay-pay-benchmarks/run.sh build                  compile the benchmarks and what they need
#   alipay-pay-benchmarks/run.sh jmh [JMH options]      e.g. "jmh NotifyBenchmark", "jmh CreateBenchmark -p ..."
#   alipay-pay-benchmarks/run.sh load <h2|postgres|mariadb> [s]
#                                                       HTTP load on the notify endpoint: c=8 and c=32, ours and baseline
#                                                       (every request settles a different order: 120,000 are prepared;
#                                                       each line also gives the CPU time per request of the app and of
#                                                       the database server's processes, read from /proc when it is local)
#   alipay-pay-benchmarks/run.sh startup [runs]         start-up time and heap of a bare app with and without the starter
# PostgreSQL runs use JITPAY_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres), in
# schemas of their own; MariaDB runs JITPAY_BENCH_MARIADB_URL (default jdbc:mariadb://127.0.0.1:3306/test, user root),
# in a database of their own (jitpay_load) on that server. The load target listens on JITPAY_BENCH_PORT (default 18080,
# or the next free port).
set -euo pipefail
cd "$(dirname "$0")"

classpath() {
    [ -f target/classpath.txt ] || { echo "Run '$0 build' first" >&2; exit 1; }
    echo "target/classes:$(cat target/classpath.txt)"
}

# The parts of a jdbc:<driver>://host[:port]/database[?options] URL.
url_host() { sed -E 's#^jdbc:[a-z]+://([^/:?]*).*#\1#' <<< "$1"; }
url_port() { local port; port=$(sed -nE 's#^jdbc:[a-z]+://[^/:?]*:([0-9]+).*#\1#p' <<< "$1"); echo "${port:-$2}"; }
url_database() { sed -E 's#^jdbc:[a-z]+://[^/]*/([^?]*).*#\1#' <<< "$1"; }
# The same URL on another database of the same server, its options kept.
url_with_database() {
    local path=${1%%\?*} options=""
    [[ $1 == *\?* ]] && options="?${1#*\?}"
    echo "${path%/*}/$2$options"
}
# Adds driver options to a URL.
url_with_options() { [[ $1 == *\?* ]] && echo "$1&$2" || echo "$1?$2"; }

# CPU time used so far by some processes, in ms (utime + stime, in clock ticks of 10 ms).
cpu_ms() {
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    echo $((total * 10))
}

load() {
    local db=$1 duration=${2:-6} port=${JITPAY_BENCH_PORT:-18080} orders=120000 url user=sa options="" why=""
    local server_process=none
    # Another load run may hold the port: take the next free one.
    while (: < "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        echo "port $port is in use, trying $((port + 1))"
        port=$((port + 1))
    done
    case "$db" in
        h2) url="jdbc:h2:mem:load;DB_CLOSE_DELAY=-1" ;;
        postgres)
            server_process=postgres
            local server=${JITPAY_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}
            user=${JITPAY_BENCH_POSTGRES_USER:-postgres}
            PGOPTIONS="--client-min-messages=warning" psql -q -h "$(url_host "$server")" \
                -p "$(url_port "$server" 5432)" -U "$user" -d "$(url_database "$server")" \
                -c "DROP SCHEMA IF EXISTS jitpay_load CASCADE" -c "CREATE SCHEMA jitpay_load" >/dev/null
            options="reWriteBatchedInserts=true"
            why="reWriteBatchedInserts=true: the orders prepared at start go in as multi-row INSERTs (start-up only);
    prepareThreshold=5 (the driver's default): a statement is prepared on the server from its 5th use on a connection"
            url=$(url_with_options "$(url_with_options "$server" "currentSchema=jitpay_load")" "$options") ;;
        mariadb)
            server_process=mariadbd
            local server=${JITPAY_BENCH_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/test}
            user=${JITPAY_BENCH_MARIADB_USER:-root}
            mariadb -h "$(url_host "$server")" -P "$(url_port "$server" 3306)" -u "$user" \
                -e "DROP DATABASE IF EXISTS jitpay_load; CREATE DATABASE jitpay_load" >/dev/null
            options="useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250"
            why="useServerPrepStmts=true: statements are prepared on the server once per connection and executed with
    the binary protocol (the driver's default sends each as text, with the parameters interpolated);
    cachePrepStmts=true, prepStmtCacheSize=250: each connection keeps its prepared statements (both defaults, stated)"
            url=$(url_with_options "$(url_with_database "$server" jitpay_load)" "$options") ;;
        *) echo "load: h2, postgres or mariadb" >&2; exit 1 ;;
    esac
    echo "$db: $url (user $user)"
    if [ -n "$options" ]; then
        echo "driver options, the same for the starter and the baseline (one DataSource serves both):"
        echo "    $why"
    fi
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
    # The starter's runs go on through the bodies where the last one stopped (see scripts/notify.lua).
    local starter_offset=0 result requests
    for path in /jitpay/alipay/notify /baseline/notify; do
        # Warm-up, not recorded.
        curl -s -X POST "$base/bench/reset" > /dev/null
        result=$(JITPAY_LOAD_OFFSET=$starter_offset JITPAY_LOAD_PATH=$path wrk -t1 -c32 -d10s -s scripts/notify.lua \
            "$base" | grep RESULT)
        requests=$(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')
        [ "$path" = /baseline/notify ] || starter_offset=$((starter_offset + requests))
    done
    for connections in 8 32; do
        for path in /jitpay/alipay/notify /baseline/notify; do
            curl -s -X POST "$base/bench/reset" > /dev/null
            echo -n "$db c=$connections $path "
            local offset=0
            [ "$path" = /baseline/notify ] || offset=$starter_offset
            # The database server's processes, when it runs on this machine (none for H2, which is in the app).
            local server_pids
            server_pids=$(pgrep -x "$server_process" || true)
            local app_before server_before
            app_before=$(cpu_ms $app)
            server_before=$(cpu_ms $server_pids)
            result=$(JITPAY_LOAD_OFFSET=$offset JITPAY_LOAD_PATH=$path wrk -t1 -c$connections -d${duration}s \
                -s scripts/notify.lua "$base" | grep RESULT)
            requests=$(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')
            local cpu
            cpu=$(awk -v app=$(( $(cpu_ms $app) - app_before )) -v server=$(( $(cpu_ms $server_pids) - server_before )) \
                -v n=$requests 'BEGIN { printf "cpu_ms_per_request: app=%.3f database=%.3f", app / n, server / n }')
            echo "$result paid=$(curl -s "$base/bench/paid") $cpu" | awk -v orders=$orders '{ print } /requests=/ { \
                split($2, r, "="); if (r[2] > orders) \
                print "  (more requests than orders: some were duplicates; shorten the run)" }'
            [ "$path" = /baseline/notify ] || starter_offset=$((starter_offset + requests))
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
    *) sed -n '2,13p' "$0"; exit 1 ;;
esac
