#!/usr/bin/env bash
# Benchmarks behind `./smo1 bench <scenario>` (./smo1 picks the JDK and builds first).
#   create   [N=20000] [C=32] [ROUNDS=3]   creates/s, p50, p99 vs direct JDBC inserts; and with a
#            rate-limited key (a Redis round trip per request) vs the exempt bootstrap key
#   bulk     [BULK_ROUNDS=15]   100 links in one POST /links/bulk vs 100 single creates one after
#            another on one connection (same run, alternating order): median ms of each, spread,
#            vs_single (how many times faster), errors of both sides
#   redirect [N=20000] [C=32] [ROUNDS=3]   origin redirects/s, p50, p99 vs nginx answering a static 302
#   redirect-vs-reference [N=100000] [ROUNDS=5]   warm SMO1 redirects over N random codes at 64 and
#            256 connections vs nginx (return 302 from a map) and a minimal Pekko HTTP server (HashMap);
#            ratios are the median of per-round ratios. BENCH_PREVIOUS_CP=<classpath of another
#            build's node> adds that node, seeded with the same links, to every round (vs_previous)
#   redirect-rules [N=200] [C=32] [ROUNDS=3]   origin redirects/s of N links with 5 targeting rules
#            (none holds for the bench's visitor, so all are evaluated) and 3 variants, visitors
#            without the variant cookie (a variant picked and Set-Cookie every time), vs N plain
#            links, rounds alternating (vs_plain); counts answers that were not 302
#   redirect-cold [N=20000] [C=32] [ROUNDS=3]   each code once after a restart with Redis flushed
#            (every redirect recovers its entity from the journal) vs the same codes warm
#   unknown-codes [N=20000] [C=32] [ROUNDS=3]   origin 404s/s for random codes never created vs
#            redirects/s of N known, cached codes, rounds alternating; counts answers that were not
#            404 / 302, and the link entities running before and after (vs_known)
#   hostile [SECONDS=60] [N=5000]   unknown codes at the origin and the local edge as fast as wrk
#            sends, while creates and known redirects run: most entities running vs the limit,
#            creates' p99 vs an idle run, answers that were not 404 / 302
#   readyz-flood [SECONDS=60] [C=64]   /readyz and bad tokens at C connections; /ready on the
#            management port asked every 200 ms, its failures counted
#   projection-lag [RATE=200] [SECONDS=30] [ROUNDS=3]   event-to-read-model and event-to-Redis lag,
#            p50/p99, under a steady create load, vs the journal poll interval
#   ingest [N=200000] [C=4] [ROUNDS=3]   clicks/s from signed edge batches to queryable in ClickHouse
#            vs the same rows inserted straight into ClickHouse (same tables and views, batches of
#            10,000)
#   redirect-clicks [N=20000] [C=64] [ROUNDS=3]   origin redirects/s and p99 with click recording on
#            (each redirect's click durable in Redis before the answer; the consumer feeding
#            ClickHouse) vs off, node restarted between the two
#   analytics [CLICKS=10000000] [REQUESTS=200] [C=4]   analytics API p50/p95 for one link and for the
#            whole account (30 days, daily, Europe/Paris) with CLICKS stored, over 1 and C
#            connections, idle and while 2,000 clicks/s are ingested; then checks the API's totals
#            against ClickHouse (counts_exact); the aims are p95 <= 100 ms idle, <= 200 ms busy
#   edge, kv-lag, takedown: the edge's scenarios, described in bench/edge.sh
# Starts a fresh node (embedded PostgreSQL in a temporary directory) and whatever reference it
# needs, all on 127.0.0.1, bounded in count and time; stops everything it started. Rounds alternate
# SMO1 and the reference; the RESULT line gives medians and the spread (min..max) of SMO1's rate.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SCENARIO="${1:?usage: bench/run.sh <create|redirect> [N] [C] [ROUNDS]}"
N="${2:-20000}"; C="${3:-32}"; ROUNDS="${4:-3}"
DURATION="${SMO1_BENCH_DURATION:-10}"

say() { echo "bench: $*" >&2; }
WORK="$(mktemp -d /tmp/smo1-bench.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

BENCH_CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/runtime-classpath.txt")"
NODE_CP="$ROOT/cluster-node/target/classes:$(cat "$ROOT/cluster-node/target/runtime-classpath.txt")"
bench_java() { java -cp "$BENCH_CP" "$@"; }

ensure_tool() { # ensure_tool <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  say "installing Debian package $2"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}

# start_node: a node on $WORK/node (embedded PostgreSQL and a local redis-server under it); called
# again after stop_node, it restarts on the same data with the same API key
start_node() {
  API_KEY="${API_KEY:-smo1_bench$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 35)}"
  say "starting a node (embedded PostgreSQL under $WORK)"
  # clicks only where the scenario asks for them: the other scenarios measure what they did before
  SMO1_ORIGIN_CLICKS="${BENCH_ORIGIN_CLICKS:-false}" SMO1_LOCAL_CLICKHOUSE="${BENCH_CLICKHOUSE:-false}" \
  SMO1_PROFILE=local SMO1_DATA_DIR="$WORK/node" SMO1_HTTP_PORT=0 SMO1_REMOTE_PORT=0 SMO1_MANAGEMENT_PORT=0 \
    SMO1_BOOTSTRAP_API_KEY="$API_KEY" SMO1_LOG_FORMAT=text SMO1_LOG_LEVEL=INFO \
    java --sun-misc-unsafe-memory-access=allow -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$NODE_CP" dev.smo1.node.Main \
    > "$WORK/node.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  for _ in $(seq 1 120); do
    if grep -q '^SMO1_NODE_READY' "$WORK/node.log"; then break; fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/node.log" >&2; say "node died"; exit 1; }
    sleep 1
  done
  BASE="$(sed -n 's/^SMO1_NODE_READY http=\([^ ]*\).*/\1/p' "$WORK/node.log")"
  MANAGEMENT="$(sed -n 's/^SMO1_NODE_READY .*management=\([^ ]*\).*/\1/p' "$WORK/node.log")"
  DB_URL="$(sed -n 's/.*embedded PostgreSQL ready url=\(.*\)$/\1/p' "$WORK/node.log" | head -1)"
  REDIS_URL="$(sed -n 's/.*local redis-server ready url=\([^ ]*\).*$/\1/p' "$WORK/node.log" | head -1)"
  CLICKHOUSE_URL="$(sed -n 's/.*local clickhouse-server ready url=\([^ ]*\).*$/\1/p' "$WORK/node.log" | tail -1)"
  [ -n "$BASE" ] || { cat "$WORK/node.log" >&2; say "node did not become ready"; exit 1; }
  say "node ready at $BASE"
}

# start_previous_node <classpath>: a second node, of another build (the previous main's), with its
# own data; PREVIOUS_BASE is its HTTP base URL
start_previous_node() {
  say "starting the previous build's node (embedded PostgreSQL under $WORK/previous)"
  SMO1_ORIGIN_CLICKS=false SMO1_LOCAL_CLICKHOUSE=false \
  SMO1_PROFILE=local SMO1_DATA_DIR="$WORK/previous" SMO1_HTTP_PORT=0 SMO1_REMOTE_PORT=0 SMO1_MANAGEMENT_PORT=0 \
    SMO1_BOOTSTRAP_API_KEY="$API_KEY" SMO1_LOG_FORMAT=text SMO1_LOG_LEVEL=INFO \
    java --sun-misc-unsafe-memory-access=allow -Xms1g -Xmx1g -cp "$1" dev.smo1.node.Main \
    > "$WORK/previous.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 120); do
    if grep -q '^SMO1_NODE_READY' "$WORK/previous.log"; then break; fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/previous.log" >&2; say "previous node died"; exit 1; }
    sleep 1
  done
  PREVIOUS_BASE="$(sed -n 's/^SMO1_NODE_READY http=\([^ ]*\).*/\1/p' "$WORK/previous.log")"
  [ -n "$PREVIOUS_BASE" ] || { cat "$WORK/previous.log" >&2; say "previous node did not become ready"; exit 1; }
  say "previous node ready at $PREVIOUS_BASE"
}

stop_node() { # SIGTERM, then wait: the node stops its redis-server and PostgreSQL on the way out
  say "stopping the node"
  kill "$NODE_PID" 2>/dev/null || true
  wait "$NODE_PID" 2>/dev/null || true
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f\n", (b > 0 ? a / b : 0)}'; }

# wrk's latency histogram as milliseconds: "50%  1.23ms" lines
wrk_percentile() { awk -v p="$1" '$1 == p { v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v }'; }
wrk_rps() { awk '/^Requests\/sec:/ {print $2}'; }
wrk_errors() { awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors/ {print "socket:" $0}'; }
# non-2xx/3xx answers and socket errors (connect, read, write, timeout) of one wrk run, summed
wrk_error_count() { awk '/Non-2xx or 3xx responses:/ {n += $5} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}'; }
wrk_run() { echo "RUN rps=$(wrk_rps < "$1") p50_ms=$(wrk_percentile 50% < "$1") p99_ms=$(wrk_percentile 99% < "$1")"; }

# summary <runs file>: medians of rps, p50 and p99 over the rounds, and the spread of rps
summary() {
  echo "rps=$(field rps < "$1" | median) rps_min=$(field rps < "$1" | sort -g | head -1)" \
    "rps_max=$(field rps < "$1" | sort -g | tail -1) p50_ms=$(field p50_ms < "$1" | median)" \
    "p99_ms=$(field p99_ms < "$1" | median)"
}

# start_nginx <directives of the http block>: one nginx worker, everything under $WORK/nginx;
# the caller picks NGINX_PORT (bench_java dev.smo1.bench.FreePort) and listens on it
start_nginx() {
  mkdir -p "$WORK/nginx"
  cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
$1
}
NGINX
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
  PIDS+=($!)
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && return 0
    sleep 0.5
  done
  cat "$WORK/nginx/error.log" >&2; say "nginx did not start"; exit 1
}

# limited_key: a key the rate limiter counts (the bootstrap workspace's are exempt in the local
# profile): the bootstrap admin signs in with the password the node printed, makes a workspace and
# a key in it, as a person would through the API
limited_key() {
  local email password cookies csrf
  email="$(sed -n 's/^SMO1_ADMIN_EMAIL=//p' "$WORK/node.log" | head -1)"
  password="$(sed -n 's/^SMO1_ADMIN_PASSWORD=//p' "$WORK/node.log" | head -1)"
  [ -n "$password" ] || { say "the node printed no admin password"; exit 1; }
  cookies="$WORK/cookies.txt"
  curl -sf -c "$cookies" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$BASE/api/v1/auth/login" > /dev/null
  csrf="$(awk '$6 == "smo1_csrf" {print $7}' "$cookies")"
  curl -sf -b "$cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"Bench, limited","slug":"bench-limited"}' "$BASE/api/v1/workspaces" > /dev/null
  LIMITED_KEY="$(curl -sf -b "$cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"bench","scopes":["links:write","links:read"]}' \
    "$BASE/api/v1/workspaces/bench-limited/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
  [ -n "$LIMITED_KEY" ] || { say "no limited key"; exit 1; }
}

run_create() {
  # the limited key's budget is far above what a round sends: it measures the limiter's cost
  # (a Redis round trip per request), never its refusals
  SMO1_RATE_LIMIT_API_PER_MINUTE=1000000000 start_node
  : > "$WORK/codes.txt"
  limited_key
  say "warming up (1000 creates, and 1000 with the limited key)"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" 1000 "$C" "$WORK/warmup.txt" warmup > /dev/null
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$LIMITED_KEY" 1000 "$C" "$WORK/warmup.txt" warmup-limited > /dev/null
  # first the rounds as every version ran them (so the figures compare across versions), then the
  # limiter's cost: limited and exempt rounds alternating on the same, larger data
  for round in $(seq 1 "$ROUNDS"); do
    say "round $round/$ROUNDS: $N creates, $C connections (key of the exempt bootstrap workspace)"
    bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/codes.txt" "r$round" | tee -a "$WORK/smo1.runs" >&2
    say "round $round/$ROUNDS: reference, $N direct JDBC inserts, $C connections"
    bench_java dev.smo1.bench.JdbcInsertLoad "$DB_URL" "$N" "$C" | tee -a "$WORK/ref.runs" >&2
  done
  for round in $(seq 1 "$ROUNDS"); do
    say "limiter round $round/$ROUNDS: $N creates with a rate-limited key, then $N with the exempt one"
    bench_java dev.smo1.bench.CreateLoad "$BASE" "$LIMITED_KEY" "$N" "$C" "$WORK/limited.txt" "l$round" | tee -a "$WORK/limited.runs" >&2
    bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/limited.txt" "e$round" | tee -a "$WORK/exempt.runs" >&2
  done
  local rps ref limited exempt
  rps="$(field rps < "$WORK/smo1.runs" | median)"; ref="$(field rps < "$WORK/ref.runs" | median)"
  limited="$(field rps < "$WORK/limited.runs" | median)"; exempt="$(field rps < "$WORK/exempt.runs" | median)"
  echo "RESULT scenario=create n=$N concurrency=$C rounds=$ROUNDS $(summary "$WORK/smo1.runs") jdbc_insert_rps=$ref vs_jdbc_insert=$(ratio "$rps" "$ref") limited_rps=$limited limited_p99_ms=$(field p99_ms < "$WORK/limited.runs" | median) exempt_alternating_rps=$exempt limited_vs_exempt=$(ratio "$limited" "$exempt")"
}

# bulk: 100 links in one POST /api/v1/links/bulk against 100 single creates one after another on
# one connection, alternating which goes first; vs_single is how many times faster the bulk call is
run_bulk() {
  start_node
  local rounds="${BULK_ROUNDS:-15}" items=100
  say "warming up (3 rounds of $items single creates and one bulk call of $items)"
  bench_java dev.smo1.bench.BulkLoad "$BASE" "$API_KEY" 3 "$items" warmup > /dev/null
  say "$rounds rounds: $items single creates and one bulk create of $items, alternating which goes first"
  bench_java dev.smo1.bench.BulkLoad "$BASE" "$API_KEY" "$rounds" "$items" measured | tee "$WORK/bulk.runs" >&2
  local single bulk errors
  single="$(field single_ms < "$WORK/bulk.runs" | median)"; bulk="$(field bulk_ms < "$WORK/bulk.runs" | median)"
  errors="$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /_errors=/) {split($i, kv, "="); n += kv[2]}} END {print n + 0}' "$WORK/bulk.runs")"
  echo "RESULT scenario=bulk items=$items rounds=$rounds single_ms=$single single_ms_min=$(field single_ms < "$WORK/bulk.runs" | sort -g | head -1) single_ms_max=$(field single_ms < "$WORK/bulk.runs" | sort -g | tail -1) bulk_ms=$bulk bulk_ms_min=$(field bulk_ms < "$WORK/bulk.runs" | sort -g | head -1) bulk_ms_max=$(field bulk_ms < "$WORK/bulk.runs" | sort -g | tail -1) vs_single=$(ratio "$single" "$bulk") errors=$errors"
}

# redirect_script [headers]: $WORK/redirect.lua, a wrk script that follows the codes of
# $WORK/codes.txt in turn from a random one, with the given Lua table of headers
redirect_script() {
  cat > "$WORK/redirect.lua" <<LUA
local codes = {}
for line in io.lines("$WORK/codes.txt") do codes[#codes + 1] = line end
local i = math.random(#codes)
request = function()
  i = i % #codes + 1
  return wrk.format("GET", "/" .. codes[i], ${1:-nil})
end
LUA
}

# status_script <file> <request body in Lua>: a wrk script whose requests are made by the given Lua
# and which counts the answers by status, printed after wrk's own report as "STATUS <code> <count>"
status_script() {
  cat > "$1" <<LUA
counts = {} -- a global: done() reads each thread's through thread:get
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
$2
response = function(status) counts[status] = (counts[status] or 0) + 1 end
done = function()
  local totals = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do totals[status] = (totals[status] or 0) + n end
  end
  for status, n in pairs(totals) do io.write(string.format("STATUS %d %d\n", status, n)) end
end
LUA
}
status_count() { awk -v s="$2" '$1 == "STATUS" && $2 == s {n += $3} END {print n + 0}' "$1"; }
status_other() { awk -v s="$2" '$1 == "STATUS" && $2 != s {n += $3} END {print n + 0}' "$1"; }

# code_scripts: $WORK/known.lua (random codes of $WORK/codes.txt) and $WORK/unknown.lua (random
# 7-character codes of the generated alphabet, a new one every request: never created), both
# counting answers by status
code_scripts() {
  status_script "$WORK/known.lua" "local codes = {}
for line in io.lines(\"$WORK/codes.txt\") do codes[#codes + 1] = line end
request = function() return wrk.format(\"GET\", \"/\" .. codes[math.random(#codes)]) end"
  status_script "$WORK/unknown.lua" "local alphabet = \"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\"
request = function()
  local code = {}
  for i = 1, 7 do local k = math.random(62); code[i] = alphabet:sub(k, k) end
  return wrk.format(\"GET\", \"/\" .. table.concat(code))
end"
}

# management_metric <name> [label filter]: one value from the node's /metrics
management_metric() { curl -s "$MANAGEMENT/metrics" | awk -v n="$1" -v f="${2:-}" '$1 ~ "^"n"({|$)" && index($1, f) {print $2}' | head -1; }

run_unknown_codes() {
  N="${2:-20000}"; C="${3:-32}"; ROUNDS="${4:-3}"
  ensure_tool wrk wrk
  ensure_tool curl curl
  # the unknown-codes limit per client address stays on (counting is part of the cost of an
  # unknown code) but far above what one round sends: the figure is the 404 path, not the 429
  export SMO1_RATE_LIMIT_UNKNOWN_CODES_PER_IP=1000000000
  start_node
  : > "$WORK/codes.txt"
  say "seeding $N links"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/codes.txt" seed > /dev/null
  code_scripts
  local threads=2
  say "warming up (every link followed, then unknown codes, ${DURATION}s each)"
  wrk -t"$threads" -c"$C" -d"${DURATION}s" -s "$WORK/known.lua" "$BASE" > /dev/null
  wrk -t"$threads" -c"$C" -d"${DURATION}s" -s "$WORK/unknown.lua" "$BASE" > /dev/null
  local entities_before; entities_before="$(management_metric smo1_sharding_entities)"
  for round in $(seq 1 "$ROUNDS"); do
    # the order alternates, so neither side always runs on a JVM the other just warmed
    local first=unknown second=known
    if [ $((round % 2)) -eq 0 ]; then first=known; second=unknown; fi
    for side in $first $second; do
      say "round $round/$ROUNDS: $side codes, $C connections, ${DURATION}s"
      wrk -t"$threads" -c"$C" -d"${DURATION}s" --latency -s "$WORK/$side.lua" "$BASE" > "$WORK/$side.$round"
    done
    echo "$(wrk_run "$WORK/unknown.$round") not_404=$(status_other "$WORK/unknown.$round" 404) answered=$(status_count "$WORK/unknown.$round" 404)" | tee -a "$WORK/unknown.runs" >&2
    echo "$(wrk_run "$WORK/known.$round") not_302=$(status_other "$WORK/known.$round" 302)" | tee -a "$WORK/known.runs" >&2
  done
  # the entity count is sampled every 10 s: wait for a sample taken after the last round
  sleep 11
  local entities_after; entities_after="$(management_metric smo1_sharding_entities)"
  local unknown known errors_unknown errors_known
  unknown="$(field rps < "$WORK/unknown.runs" | median)"; known="$(field rps < "$WORK/known.runs" | median)"
  errors_unknown="$(field not_404 < "$WORK/unknown.runs" | awk '{n += $1} END {print n + 0}')"
  errors_known="$(field not_302 < "$WORK/known.runs" | awk '{n += $1} END {print n + 0}')"
  if [ "$errors_unknown" -gt 0 ] || [ "$errors_known" -gt 0 ]; then
    say "ERRORS: $errors_unknown unknown-code answers were not 404, $errors_known known-code answers were not 302"
  fi
  echo "RESULT scenario=unknown-codes links=$N connections=$C duration_s=$DURATION rounds=$ROUNDS unknown_$(summary "$WORK/unknown.runs" | sed 's/ / unknown_/g') unknown_not_404=$errors_unknown known_rps=$known known_p99_ms=$(field p99_ms < "$WORK/known.runs" | median) known_not_302=$errors_known entities_before=${entities_before:-?} entities_after=${entities_after:-?} vs_known=$(ratio "$unknown" "$known")"
}

# hostile [SECONDS=60] [N=5000]: SECONDS of random unknown codes as fast as wrk sends them, at the
# origin and at the local edge, while creates and known redirects run; reports the most link
# entities seen running (against the limit), creates' p99 against an idle run of the same creates,
# and every answer that was not what it should be
run_hostile() {
  local seconds="${2:-60}"; N="${3:-5000}"
  ensure_tool wrk wrk
  ensure_tool curl curl
  KV_PORT="$(bench_java dev.smo1.bench.FreePort)"
  export SMO1_CLOUDFLARE_API_URL="http://127.0.0.1:$KV_PORT/client/v4" SMO1_CLOUDFLARE_ACCOUNT_ID=local-account
  export SMO1_EDGE_KV_NAMESPACE_ID=local-links SMO1_CLOUDFLARE_API_TOKEN=local-token
  export SMO1_EDGE_CLICK_SECRET=bench-click-secret
  # the path of an unknown code, not the per-address 429 (one load generator is one address)
  export SMO1_RATE_LIMIT_UNKNOWN_CODES_PER_IP=1000000000
  local limit="${BENCH_ENTITY_LIMIT:-20000}"
  export SMO1_ACTIVE_ENTITY_LIMIT="$limit"
  start_node
  # the local edge in front of the node (bench/edge.sh), its KV API stand-in where the node writes
  EDGE_DOMAIN=localhost EDGE_ORIGIN="$BASE" EDGE_KV_PORT="$KV_PORT" start_edge kv
  : > "$WORK/codes.txt"
  say "seeding $N links"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" 16 "$WORK/codes.txt" seed > /dev/null
  code_scripts
  wrk -t1 -c8 -d5s -s "$WORK/known.lua" "$BASE" > /dev/null
  say "idle: 2000 creates, 8 connections"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" 2000 8 "$WORK/idle-codes.txt" idle | tee "$WORK/idle.run" >&2
  say "hostile: ${seconds}s of unknown codes at the origin (64 connections) and the edge (32), known redirects (8) and creates (8)"
  wrk -t1 -c64 -d"${seconds}s" -s "$WORK/unknown.lua" "$BASE" > "$WORK/origin-unknown.out" &
  local w1=$!
  wrk -t1 -c32 -d"${seconds}s" -s "$WORK/unknown.lua" "$KV_URL" > "$WORK/edge-unknown.out" &
  local w2=$!
  wrk -t1 -c8 -d"${seconds}s" --latency -s "$WORK/known.lua" "$BASE" > "$WORK/known.out" &
  local w3=$!
  local max_entities=0 deadline=$((SECONDS + seconds))
  sleep 5
  (bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" 2000 8 "$WORK/busy-codes.txt" busy > "$WORK/busy.run") &
  local creates=$!
  while [ "$SECONDS" -lt "$deadline" ]; do
    local now; now="$(management_metric smo1_sharding_entities)"; now="${now%.*}"
    [ -n "$now" ] && [ "$now" -gt "$max_entities" ] && max_entities="$now"
    sleep 5
  done
  wait "$w1" "$w2" "$w3" "$creates"
  sleep 11  # a sample of the entities after the flood
  local after; after="$(management_metric smo1_sharding_entities)"; after="${after%.*}"
  [ -n "$after" ] && [ "$after" -gt "$max_entities" ] && max_entities="$after"
  cat "$WORK/busy.run" >&2
  local idle_p99 busy_p99 origin_bad edge_bad known_bad
  idle_p99="$(field p99_ms < "$WORK/idle.run")"; busy_p99="$(field p99_ms < "$WORK/busy.run")"
  origin_bad="$(status_other "$WORK/origin-unknown.out" 404)"; edge_bad="$(status_other "$WORK/edge-unknown.out" 404)"
  known_bad="$(status_other "$WORK/known.out" 302)"
  if [ "$origin_bad" -gt 0 ] || [ "$edge_bad" -gt 0 ] || [ "$known_bad" -gt 0 ]; then
    say "ERRORS: $origin_bad origin and $edge_bad edge answers to unknown codes were not 404; $known_bad known redirects were not 302"
  fi
  echo "RESULT scenario=hostile seconds=$seconds links=$N origin_unknown_rps=$(wrk_rps < "$WORK/origin-unknown.out") origin_unknown_not_404=$origin_bad edge_unknown_rps=$(wrk_rps < "$WORK/edge-unknown.out") edge_unknown_not_404=$edge_bad known_rps=$(wrk_rps < "$WORK/known.out") known_p99_ms=$(wrk_percentile 99% < "$WORK/known.out") known_not_302=$known_bad entities_max=$max_entities entity_limit=$limit create_idle_p99_ms=$idle_p99 create_busy_p99_ms=$busy_p99 create_p99_vs_idle=$(ratio "$busy_p99" "$idle_p99")"
}

# readyz-flood [SECONDS=60] [C=64]: /readyz and API calls with malformed and unknown bearer tokens
# at C connections for SECONDS, while the management port's /ready is asked every 200 ms; counts
# every /ready that did not answer 200 within a second
run_readyz_flood() {
  local seconds="${2:-60}"; C="${3:-64}"
  ensure_tool wrk wrk
  ensure_tool curl curl
  start_node
  cat > "$WORK/flood.lua" <<'LUA'
local i = 0
request = function()
  i = i + 1
  if i % 3 == 0 then return wrk.format("GET", "/readyz") end
  if i % 3 == 1 then
    return wrk.format("GET", "/api/v1/links", { ["Authorization"] = "Bearer not-a-key-" .. i })
  end
  -- well formed, never issued: a cached miss after its first lookup
  return wrk.format("GET", "/api/v1/links", { ["Authorization"] = string.format("Bearer smo1_%040d", i % 5000) })
end
LUA
  say "flood: ${seconds}s of /readyz and bad tokens, $C connections; /ready on the management port every 200 ms"
  wrk -t2 -c"$C" -d"${seconds}s" -s "$WORK/flood.lua" "$BASE" > "$WORK/flood.out" &
  local flood=$! probes=0 failed=0
  while kill -0 "$flood" 2>/dev/null; do
    probes=$((probes + 1))
    curl -s -o /dev/null -m 1 -w '%{http_code}\n' "$MANAGEMENT/ready" | grep -q '^200$' || failed=$((failed + 1))
    sleep 0.2
  done
  wait "$flood" || true
  echo "RESULT scenario=readyz-flood seconds=$seconds connections=$C flood_rps=$(wrk_rps < "$WORK/flood.out") ready_probes=$probes ready_failed=$failed"
}

run_redirect() {
  ensure_tool wrk wrk
  ensure_tool nginx nginx
  ensure_tool curl curl
  start_node
  : > "$WORK/codes.txt"
  say "seeding $N links"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/codes.txt" seed > /dev/null
  redirect_script
  NGINX_PORT="$(bench_java dev.smo1.bench.FreePort)"
  start_nginx "  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { add_header Cache-Control no-store; return 302 https://example.com/bench/static; }
  }"
  local threads=2
  say "warming up SMO1 (every link resolved once, ${DURATION}s)"
  wrk -t"$threads" -c"$C" -d"${DURATION}s" -s "$WORK/redirect.lua" "$BASE" > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    say "round $round/$ROUNDS: SMO1 origin redirects over $N links, $C connections, ${DURATION}s"
    wrk -t"$threads" -c"$C" -d"${DURATION}s" --latency -s "$WORK/redirect.lua" "$BASE" > "$WORK/smo1.$round"
    say "round $round/$ROUNDS: reference, nginx static 302, same load"
    wrk -t"$threads" -c"$C" -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/x" > "$WORK/ref.$round"
    echo "$(wrk_run "$WORK/smo1.$round") errors=$(wrk_errors < "$WORK/smo1.$round" | tr '\n' ' ')" | tee -a "$WORK/smo1.runs" >&2
    wrk_run "$WORK/ref.$round" | tee -a "$WORK/ref.runs" >&2
  done
  if grep -q "errors=[0-9s]" "$WORK/smo1.runs"; then say "some redirects failed (non-3xx or socket errors), see above"; fi
  local rps ref
  rps="$(field rps < "$WORK/smo1.runs" | median)"; ref="$(field rps < "$WORK/ref.runs" | median)"
  echo "RESULT scenario=redirect links=$N connections=$C duration_s=$DURATION rounds=$ROUNDS $(summary "$WORK/smo1.runs") nginx_rps=$ref nginx_p99_ms=$(field p99_ms < "$WORK/ref.runs" | median) vs_nginx=$(ratio "$rps" "$ref")"
}


run_redirect_rules() {
  local threads=2
  N="${2:-200}" # this scenario's own default
  ensure_tool wrk wrk
  ensure_tool curl curl
  start_node
  say "creating $N plain links and $N links with 5 rules and 3 variants"
  : > "$WORK/plain.txt"; : > "$WORK/routed.txt"
  local routing='"rules":[{"when":{"country":["FR","BE"]},"target":"https://example.com/fr"},
    {"when":{"language":["ja"]},"target":"https://example.com/ja"},
    {"when":{"device":["tablet"]},"target":"https://example.com/tablet"},
    {"when":{"referrerHost":["t.co"]},"target":"https://example.com/x"},
    {"when":{"query":{"ref":"newsletter"}},"target":"https://example.com/news"}],
    "variants":[{"target":"https://example.com/a","weight":1},{"target":"https://example.com/b","weight":1},
    {"target":"https://example.com/c","weight":1}]'
  for i in $(seq 1 "$N"); do
    curl -sf -o /dev/null -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \
      -d "{\"target\":\"https://example.com/plain/$i\",\"alias\":\"plain$i\"}" "$BASE/api/v1/links"
    curl -sf -o /dev/null -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \
      -d "{\"target\":\"https://example.com/routed/$i\",\"alias\":\"routed$i\",$routing}" "$BASE/api/v1/links"
    echo "plain$i" >> "$WORK/plain.txt"; echo "routed$i" >> "$WORK/routed.txt"
  done
  local visitor='{["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", ["Accept-Language"] = "en-US,en;q=0.9", ["Accept"] = "text/html"}'
  for side in plain routed; do
    status_script "$WORK/$side.lua" "local codes = {}
for line in io.lines(\"$WORK/$side.txt\") do codes[#codes + 1] = line end
request = function() return wrk.format(\"GET\", \"/\" .. codes[math.random(#codes)], $visitor) end"
  done
  say "warming up both (${DURATION}s each)"
  wrk -t"$threads" -c"$C" -d"${DURATION}s" -s "$WORK/plain.lua" "$BASE" > /dev/null
  wrk -t"$threads" -c"$C" -d"${DURATION}s" -s "$WORK/routed.lua" "$BASE" > /dev/null
  : > "$WORK/ratios"
  for round in $(seq 1 "$ROUNDS"); do
    for side in plain routed; do
      say "round $round/$ROUNDS: $side links, $C connections, ${DURATION}s"
      wrk -t"$threads" -c"$C" -d"${DURATION}s" --latency -s "$WORK/$side.lua" "$BASE" > "$WORK/$side.$round"
      echo "$(wrk_run "$WORK/$side.$round") not_302=$(status_other "$WORK/$side.$round" 302)" | tee -a "$WORK/$side.runs" >&2
    done
    ratio "$(tail -1 "$WORK/routed.runs" | field rps)" "$(tail -1 "$WORK/plain.runs" | field rps)" >> "$WORK/ratios"
  done
  local errors_routed errors_plain
  errors_routed="$(field not_302 < "$WORK/routed.runs" | awk '{s+=$1} END {print s+0}')"
  errors_plain="$(field not_302 < "$WORK/plain.runs" | awk '{s+=$1} END {print s+0}')"
  echo "RESULT scenario=redirect-rules links=$N connections=$C duration_s=$DURATION rounds=$ROUNDS" \
    "routed_$(summary "$WORK/routed.runs" | sed 's/ / routed_/g') routed_not_302=$errors_routed" \
    "plain_rps=$(field rps < "$WORK/plain.runs" | median) plain_p99_ms=$(field p99_ms < "$WORK/plain.runs" | median)" \
    "plain_not_302=$errors_plain vs_plain=$(median < "$WORK/ratios")"
}

start_pekko_min() { # start_pekko_min <pairs file>
  PEKKO_MIN_PORT="$(bench_java dev.smo1.bench.FreePort)"
  java --sun-misc-unsafe-memory-access=allow -Xms1g -Xmx1g -cp "$BENCH_CP" \
    dev.smo1.bench.PekkoMinimalRedirect "$PEKKO_MIN_PORT" "$1" > "$WORK/pekko-min.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do
    grep -q '^PEKKO_MIN_READY' "$WORK/pekko-min.log" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 1
  done
  cat "$WORK/pekko-min.log" >&2; say "the minimal Pekko server did not start"; exit 1
}

start_nginx_map() { # start_nginx_map <pairs file> <entries>
  mkdir -p "$WORK/nginx"
  awk -F'\t' '{ printf "  /%s %s;\n", $1, $2 }' "$1" > "$WORK/nginx/map.conf"
  NGINX_PORT="$(bench_java dev.smo1.bench.FreePort)"
  start_nginx "$(cat <<NGINX
  map_hash_max_size $(( $2 * 2 ));
  map_hash_bucket_size 128;
  map \$uri \$target {
    default "";
    include $WORK/nginx/map.conf;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      if (\$target = "") { return 404; }
      return 302 \$target;
    }
  }
NGINX
)"
}

run_redirect_vs_reference() {
  N="${2:-100000}"; ROUNDS="${3:-5}"
  ensure_tool wrk wrk
  ensure_tool nginx nginx
  ensure_tool curl curl
  export SMO1_REDIRECT_CACHE_SIZE=$(( N + 1000 ))
  start_node
  : > "$WORK/codes.txt"; : > "$WORK/pairs.tsv"
  say "seeding $N links (32 connections)"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" 32 "$WORK/codes.txt" seed "$WORK/pairs.tsv" > /dev/null
  start_nginx_map "$WORK/pairs.tsv" "$N"
  start_pekko_min "$WORK/pairs.tsv"
  local targets=("smo1 $BASE" "nginx http://127.0.0.1:$NGINX_PORT" "pekko_min http://127.0.0.1:$PEKKO_MIN_PORT")
  if [ -n "${BENCH_PREVIOUS_CP:-}" ]; then
    # another build of SMO1 (e.g. the previous main), same links, same rounds: vs_previous
    start_previous_node "$BENCH_PREVIOUS_CP"
    say "seeding the previous node with the same $N links"
    bench_java dev.smo1.bench.CreateLoad "$PREVIOUS_BASE" "$API_KEY" 0 32 "$WORK/previous-codes.txt" seed "" "$WORK/pairs.tsv" > /dev/null
    wrk -t2 -c64 -d"$(( N / 5000 + 5 ))s" -s "$WORK/sequential.lua" "$PREVIOUS_BASE" > /dev/null 2>&1 || true
    targets+=("previous $PREVIOUS_BASE")
  fi
  cat > "$WORK/random.lua" <<LUA
local codes = {}
for line in io.lines("$WORK/codes.txt") do codes[#codes + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function() return wrk.format("GET", "/" .. codes[math.random(#codes)]) end
LUA
  cat > "$WORK/sequential.lua" <<LUA
local codes = {}
for line in io.lines("$WORK/codes.txt") do codes[#codes + 1] = line end
local i = 0
request = function() i = i % #codes + 1; return wrk.format("GET", "/" .. codes[i]) end
LUA
  say "warm-up (discarded): every code through SMO1 once, then ${DURATION}s of random access per server"
  wrk -t2 -c64 -d"$(( N / 5000 + 5 ))s" -s "$WORK/sequential.lua" "$BASE" > /dev/null
  if [ -n "${PREVIOUS_BASE:-}" ]; then
    wrk -t2 -c64 -d"$(( N / 5000 + 5 ))s" -s "$WORK/sequential.lua" "$PREVIOUS_BASE" > /dev/null
  fi
  for target in "${targets[@]}"; do
    wrk -t2 -c64 -d"${DURATION}s" -s "$WORK/random.lua" "${target#* }" > /dev/null
  done
  for round in $(seq 1 "$ROUNDS"); do
    for connections in 64 256; do
      for target in "${targets[@]}"; do
        local name="${target%% *}" url="${target#* }" out="$WORK/${target%% *}.c$connections.$round"
        say "round $round/$ROUNDS: $name, $connections connections, ${DURATION}s"
        wrk -t2 -c"$connections" -d"${DURATION}s" --latency -s "$WORK/random.lua" "$url" > "$out"
        local errors; errors="$(wrk_errors < "$out" | tr '\n' ' ')"
        [ -z "$errors" ] || say "$name answered errors: $errors"
        wrk_error_count < "$out" >> "$WORK/$name.errors"
        wrk_run "$out" | tee -a "$WORK/$name.c$connections.runs" >&2
      done
      # this round's ratios: SMO1 and the references ran back to back, under the same noise
      local smo1_run pekko_run
      smo1_run="$(tail -1 "$WORK/smo1.c$connections.runs")"
      pekko_run="$(tail -1 "$WORK/pekko_min.c$connections.runs")"
      ratio "$(field rps <<< "$smo1_run")" "$(field rps <<< "$pekko_run")" >> "$WORK/vs_pekko.c$connections"
      ratio "$(field p99_ms <<< "$smo1_run")" "$(field p99_ms <<< "$pekko_run")" >> "$WORK/p99_vs_pekko.c$connections"
      ratio "$(field rps <<< "$smo1_run")" "$(field rps < <(tail -1 "$WORK/nginx.c$connections.runs"))" >> "$WORK/vs_nginx.c$connections"
      if [ -n "${PREVIOUS_BASE:-}" ]; then
        local previous_run; previous_run="$(tail -1 "$WORK/previous.c$connections.runs")"
        ratio "$(field rps <<< "$smo1_run")" "$(field rps <<< "$previous_run")" >> "$WORK/vs_previous.c$connections"
        ratio "$(field p99_ms <<< "$smo1_run")" "$(field p99_ms <<< "$previous_run")" >> "$WORK/p99_vs_previous.c$connections"
      fi
    done
  done
  local line="RESULT scenario=redirect-vs-reference links=$N rounds=$ROUNDS duration_s=$DURATION"
  local target
  for target in "${targets[@]}"; do
    line+=" errors_${target%% *}=$(awk '{n += $1} END {print n + 0}' "$WORK/${target%% *}.errors")"
  done
  for connections in 64 256; do
    local name
    for name in smo1 nginx pekko_min; do
      local runs="$WORK/$name.c$connections.runs"
      line+=" ${name}_rps_c$connections=$(field rps < "$runs" | median)"
      line+=" ${name}_p50_ms_c$connections=$(field p50_ms < "$runs" | median)"
      line+=" ${name}_p99_ms_c$connections=$(field p99_ms < "$runs" | median)"
    done
    # ratios: the median over rounds of each round's ratio (robust to noise that shifts a whole round)
    line+=" vs_nginx_c$connections=$(median < "$WORK/vs_nginx.c$connections")"
    line+=" vs_pekko_min_c$connections=$(median < "$WORK/vs_pekko.c$connections")"
    line+=" p99_vs_pekko_min_c$connections=$(median < "$WORK/p99_vs_pekko.c$connections")"
    if [ -n "${PREVIOUS_BASE:-}" ]; then
      local runs="$WORK/previous.c$connections.runs"
      line+=" previous_rps_c$connections=$(field rps < "$runs" | median)"
      line+=" previous_p99_ms_c$connections=$(field p99_ms < "$runs" | median)"
      line+=" vs_previous_c$connections=$(median < "$WORK/vs_previous.c$connections")"
      line+=" vs_previous_min_c$connections=$(sort -g "$WORK/vs_previous.c$connections" | head -1)"
      line+=" vs_previous_max_c$connections=$(sort -g "$WORK/vs_previous.c$connections" | tail -1)"
      line+=" p99_vs_previous_c$connections=$(median < "$WORK/p99_vs_previous.c$connections")"
    fi
  done
  echo "$line"
}

# redirect-cold: every code followed once right after a restart (no link entity running, in-process
# cache empty) with Redis flushed, so each redirect recovers its entity from the journal; the
# reference is the same codes followed again at once, now warm (in-process cache), same client.
run_redirect_cold() {
  ensure_tool redis-cli redis-tools
  local warm=2000
  start_node
  : > "$WORK/codes.txt"; : > "$WORK/warm.txt"
  say "seeding $N links to measure and $warm to warm the JVM with ($C connections)"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/codes.txt" seed > /dev/null
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$warm" "$C" "$WORK/warm.txt" warm > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    stop_node
    start_node
    sleep 2 # projections resume and find nothing new; then the Redis cache is emptied
    say "round $round/$ROUNDS: flushing Redis ($REDIS_URL), warming the JVM on $warm other links"
    redis-cli -u "$REDIS_URL" FLUSHALL > /dev/null
    bench_java dev.smo1.bench.RedirectLoad "$BASE" "$WORK/warm.txt" "$C" > /dev/null
    bench_java dev.smo1.bench.RedirectLoad "$BASE" "$WORK/warm.txt" "$C" > /dev/null
    [ "$(redis-cli -u "$REDIS_URL" DBSIZE)" = "0" ] || say "warning: Redis is not empty before the cold run"
    say "round $round/$ROUNDS: cold, each of $N links followed once, $C connections"
    bench_java dev.smo1.bench.RedirectLoad "$BASE" "$WORK/codes.txt" "$C" | tee -a "$WORK/cold.runs" >&2
    say "round $round/$ROUNDS: reference, the same $N links again (now warm)"
    bench_java dev.smo1.bench.RedirectLoad "$BASE" "$WORK/codes.txt" "$C" | tee -a "$WORK/warm.runs" >&2
  done
  if grep -q "errors=[1-9]" "$WORK/cold.runs" "$WORK/warm.runs"; then say "some redirects failed, see above"; fi
  local rps ref
  rps="$(field rps < "$WORK/cold.runs" | median)"; ref="$(field rps < "$WORK/warm.runs" | median)"
  echo "RESULT scenario=redirect-cold links=$N connections=$C rounds=$ROUNDS $(summary "$WORK/cold.runs")" \
    "errors=$(field errors < "$WORK/cold.runs" | awk '{s+=$1} END {print s+0}')" \
    "warm_rps=$ref warm_p50_ms=$(field p50_ms < "$WORK/warm.runs" | median)" \
    "warm_p99_ms=$(field p99_ms < "$WORK/warm.runs" | median) vs_warm=$(ratio "$rps" "$ref")"
}

# projection-lag: a steady, paced create load; the lag of each link from its creation event's
# journal write to its row committed in the read model and to its hash written in Redis. The
# reference is the journal poll interval the projections run with (eventsByTag polling).
run_projection_lag() {
  local rate="${2:-200}" seconds="${3:-30}"; ROUNDS="${4:-3}"
  local poll_ms="${SMO1_JOURNAL_POLL_INTERVAL:-200ms}"; poll_ms="${poll_ms%ms}" # the default in projections.conf
  start_node
  say "warm-up (discarded): $rate creates/s for 5 s"
  bench_java dev.smo1.bench.ProjectionLagLoad "$BASE" "$API_KEY" "$DB_URL" "$REDIS_URL" "$rate" 5 > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    say "round $round/$ROUNDS: $rate creates/s for ${seconds}s"
    bench_java dev.smo1.bench.ProjectionLagLoad "$BASE" "$API_KEY" "$DB_URL" "$REDIS_URL" "$rate" "$seconds" \
      | tee -a "$WORK/lag.runs" >&2
  done
  local line="RESULT scenario=projection-lag create_rate=$rate seconds=$seconds rounds=$ROUNDS"
  local key
  for key in create_rate create_p50_ms readmodel_p50_ms readmodel_p99_ms readmodel_max_ms \
    redis_p50_ms redis_p99_ms redis_max_ms; do
    line+=" ${key/create_rate/achieved_rate}=$(field "$key" < "$WORK/lag.runs" | median)"
  done
  line+=" poll_interval_ms=$poll_ms"
  line+=" readmodel_p99_vs_poll_interval=$(ratio "$(field readmodel_p99_ms < "$WORK/lag.runs" | median)" "$poll_ms")"
  line+=" redis_p99_vs_poll_interval=$(ratio "$(field redis_p99_ms < "$WORK/lag.runs" | median)" "$poll_ms")"
  echo "$line"
}

# cpu_seconds <pid>: CPU time (user + system) the process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }
# per_click <before> <after> <clicks>: CPU microseconds per click between two cpu_seconds readings
per_click() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.1f\n", (b - a) * 1e6 / n}'; }

# local_redis_pid: the redis-server the node started (at $REDIS_URL)
local_redis_pid() { pgrep -f "redis-server 127.0.0.1:${REDIS_URL##*:}" | head -1; }

# click_backlog: entries in the click stream (the consumer trims what ClickHouse has every 5 s;
# before it starts, everything recorded so far)
click_backlog() { redis-cli -u "$REDIS_URL" XLEN smo1:clicks 2>/dev/null; }

# await_click_backlog <entries> <seconds>: until the stream is down to that many entries
await_click_backlog() {
  local backlog=""
  for _ in $(seq 1 "$2"); do
    backlog="$(click_backlog)"
    if [ -n "$backlog" ] && [ "$backlog" -le "$1" ]; then say "click stream down to $backlog entries"; return 0; fi
    sleep 1
  done
  say "the click stream still holds ${backlog:-unknown} entries after $2 s; its consumer group:"
  redis-cli -u "$REDIS_URL" XINFO GROUPS smo1:clicks >&2 || true
  grep -i "click\|clickhouse\|user-agent" "$WORK/node.log" | tail -20 >&2
  exit 1
}

# await_clicks_schema: until the node has applied its ClickHouse migrations
await_clicks_schema() {
  for _ in $(seq 1 120); do
    curl -sf "$CLICKHOUSE_URL/" --data-binary "SELECT count() FROM clicks" > /dev/null && return 0
    sleep 0.5
  done
  say "the clicks table never appeared"; exit 1
}

# start_click_node <links>: a node with its local ClickHouse, its schema applied, and <links>
# links of the bench's owner in $WORK/codes.txt
start_click_node() {
  BENCH_CLICKHOUSE=true start_node
  [ -n "$CLICKHOUSE_URL" ] || { say "no local clickhouse-server (apt package clickhouse-server)"; exit 1; }
  await_clicks_schema
  : > "$WORK/codes.txt"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$1" 8 "$WORK/codes.txt" links > /dev/null
}

run_ingest() {
  local n="${2:-200000}" c="${3:-4}" rounds="${4:-3}"
  start_click_node 100
  sleep 2 # the read model has the links (the consumer looks their owners up)
  say "warming up (20000 clicks through the pipeline, 20000 direct)"
  bench_java dev.smo1.bench.IngestLoad pipeline "$BASE" local-click-secret "$CLICKHOUSE_URL" localhost "$WORK/codes.txt" 20000 "$c" > /dev/null
  bench_java dev.smo1.bench.IngestLoad direct "$CLICKHOUSE_URL" local localhost "$WORK/codes.txt" 20000 10000 > /dev/null
  local redis_pid clickhouse_pid n0 r0 c0 n1 r1 c1
  redis_pid="$(local_redis_pid)"
  clickhouse_pid="$(pgrep -f "clickhouse-server --config-file=$WORK/node/clickhouse/config.xml" | head -1)"
  : > "$WORK/ratios"
  for round in $(seq 1 "$rounds"); do
    say "round $round/$rounds: $n clicks as signed edge batches of 1000 over $c connections"
    n0="$(cpu_seconds "$NODE_PID")"; r0="$(cpu_seconds "$redis_pid")"; c0="$(cpu_seconds "$clickhouse_pid")"
    echo "$(bench_java dev.smo1.bench.IngestLoad pipeline "$BASE" local-click-secret "$CLICKHOUSE_URL" localhost "$WORK/codes.txt" "$n" "$c")" \
      "node_cpu_us=$(per_click "$n0" "$(cpu_seconds "$NODE_PID")" "$n")" \
      "redis_cpu_us=$(per_click "$r0" "$(cpu_seconds "$redis_pid")" "$n")" \
      "clickhouse_cpu_us=$(per_click "$c0" "$(cpu_seconds "$clickhouse_pid")" "$n")" | tee -a "$WORK/smo1.runs" >&2
    say "round $round/$rounds: reference, the same number of rows straight into ClickHouse, batches of 10000"
    c0="$(cpu_seconds "$clickhouse_pid")"
    echo "$(bench_java dev.smo1.bench.IngestLoad direct "$CLICKHOUSE_URL" local localhost "$WORK/codes.txt" "$n" 10000)" \
      "clickhouse_cpu_us=$(per_click "$c0" "$(cpu_seconds "$clickhouse_pid")" "$n")" | tee -a "$WORK/ref.runs" >&2
    ratio "$(tail -1 "$WORK/smo1.runs" | field clicks_per_s)" "$(tail -1 "$WORK/ref.runs" | field clicks_per_s)" >> "$WORK/ratios"
  done
  echo "RESULT scenario=ingest clicks=$n connections=$c rounds=$rounds" \
    "clicks_per_s=$(field clicks_per_s < "$WORK/smo1.runs" | median)" \
    "clicks_per_s_min=$(field clicks_per_s < "$WORK/smo1.runs" | sort -g | head -1)" \
    "clicks_per_s_max=$(field clicks_per_s < "$WORK/smo1.runs" | sort -g | tail -1)" \
    "direct_clicks_per_s=$(field clicks_per_s < "$WORK/ref.runs" | median)" \
    "node_cpu_us_per_click=$(field node_cpu_us < "$WORK/smo1.runs" | median)" \
    "redis_cpu_us_per_click=$(field redis_cpu_us < "$WORK/smo1.runs" | median)" \
    "clickhouse_cpu_us_per_click=$(field clickhouse_cpu_us < "$WORK/smo1.runs" | median)" \
    "direct_clickhouse_cpu_us_per_click=$(field clickhouse_cpu_us < "$WORK/ref.runs" | median)" \
    "vs_direct=$(median < "$WORK/ratios")"
}

run_redirect_clicks() {
  local n="${2:-20000}" c="${3:-64}" rounds="${4:-3}"
  ensure_tool wrk wrk
  BENCH_CLICKHOUSE=true start_node
  : > "$WORK/codes.txt"
  say "seeding $n links"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$n" 32 "$WORK/codes.txt" seed > /dev/null
  redirect_script '{["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"}'
  : > "$WORK/ratios"; : > "$WORK/buffered_ratios"
  for round in $(seq 1 "$rounds"); do
    # on: clicks recorded and ingested into ClickHouse on the same cores; buffered: recorded into
    # Redis only (no consumer), the redirect path's own cost; off: no clicks
    for mode in on buffered off; do
      stop_node
      BENCH_CLICKHOUSE="$([ "$mode" = buffered ] && echo false || echo true)" \
        BENCH_ORIGIN_CLICKS="$([ "$mode" = off ] && echo false || echo true)" start_node
      # a fresh JVM: the JIT is still compiling the redirect and click paths for a while
      say "round $round/$rounds: clicks $mode, warming up ($(( DURATION * 3 ))s)"
      wrk -t2 -c"$c" -d"$(( DURATION * 3 ))s" -s "$WORK/redirect.lua" "$BASE" > /dev/null
      # the consumer starts once ClickHouse's schema and the user-agent parser are ready: what it
      # could not take during the warm-up must not be drained inside the measured window
      if [ "$mode" = on ]; then await_click_backlog 2 180; fi
      say "round $round/$rounds: clicks $mode, origin redirects over $n links, $c connections, ${DURATION}s"
      local redis_pid n0 r0 requests
      redis_pid="$(local_redis_pid)"
      n0="$(cpu_seconds "$NODE_PID")"; r0="$(cpu_seconds "$redis_pid")"
      wrk -t2 -c"$c" -d"${DURATION}s" --latency -s "$WORK/redirect.lua" "$BASE" > "$WORK/$mode.$round"
      requests="$(awk '/requests in/ {print $1}' "$WORK/$mode.$round")"
      echo "$(wrk_run "$WORK/$mode.$round") errors=$(wrk_errors < "$WORK/$mode.$round" | tr '\n' ' ')" \
        "node_cpu_us=$(per_click "$n0" "$(cpu_seconds "$NODE_PID")" "$requests")" \
        "redis_cpu_us=$(per_click "$r0" "$(cpu_seconds "$redis_pid")" "$requests")" \
        "backlog_after=$(click_backlog)" \
        "unrecorded=$(curl -s "${MANAGEMENT%/}/metrics" | awk '/^smo1_clicks_unrecorded_total/ {print $2}')" \
        | tee -a "$WORK/$mode.runs" >&2
      # what the buffered run recorded is never ingested: dropped, so the next node does not drain it
      if [ "$mode" = buffered ]; then redis-cli -u "$REDIS_URL" DEL smo1:clicks > /dev/null; fi
    done
    ratio "$(tail -1 "$WORK/on.runs" | field rps)" "$(tail -1 "$WORK/off.runs" | field rps)" >> "$WORK/ratios"
    ratio "$(tail -1 "$WORK/buffered.runs" | field rps)" "$(tail -1 "$WORK/off.runs" | field rps)" >> "$WORK/buffered_ratios"
  done
  if grep -q "errors=[0-9s]" "$WORK/on.runs" "$WORK/buffered.runs" "$WORK/off.runs"; then say "some redirects failed (non-3xx or socket errors), see above"; fi
  echo "RESULT scenario=redirect-clicks links=$n connections=$c duration_s=$DURATION rounds=$rounds" \
    "$(summary "$WORK/on.runs")" \
    "off_rps=$(field rps < "$WORK/off.runs" | median) off_p50_ms=$(field p50_ms < "$WORK/off.runs" | median)" \
    "off_p99_ms=$(field p99_ms < "$WORK/off.runs" | median)" \
    "buffered_rps=$(field rps < "$WORK/buffered.runs" | median) buffered_p99_ms=$(field p99_ms < "$WORK/buffered.runs" | median)" \
    "node_cpu_us_per_request=$(field node_cpu_us < "$WORK/on.runs" | median)" \
    "buffered_node_cpu_us_per_request=$(field node_cpu_us < "$WORK/buffered.runs" | median)" \
    "buffered_redis_cpu_us_per_request=$(field redis_cpu_us < "$WORK/buffered.runs" | median)" \
    "off_node_cpu_us_per_request=$(field node_cpu_us < "$WORK/off.runs" | median)" \
    "unrecorded=$(cat "$WORK/on.runs" "$WORK/buffered.runs" | field unrecorded | awk '{s+=$1} END {print s+0}')" \
    "vs_off=$(median < "$WORK/ratios") buffered_vs_off=$(median < "$WORK/buffered_ratios")"
}

# load_clicks <total> <codes array literal>: synthetic clicks straight into ClickHouse, a million
# at a time, spread over the last 30 days: a tenth for the bench's owner ("local") on its links,
# the rest for 997 other accounts
load_clicks() {
  local total="$1" codes="$2" start=0 size
  while [ "$start" -lt "$total" ]; do
    size=$(( total - start < 1000000 ? total - start : 1000000 ))
    curl -sf "$CLICKHOUSE_URL/" --data-binary "INSERT INTO clicks SELECT
        concat('bench-', toString(number)) AS event_id,
        toDateTime(toUInt32(now()) - 60 - (number * 7919) % (30 * 86400)) AS ts,
        if(number % 10 = 0, 'local', concat('acct-', toString(number % 997))) AS owner,
        'localhost' AS domain,
        if(number % 10 = 0, arrayElement($codes, intHash32(number) % length($codes) + 1),
           concat('c', toString(intHash32(number) % 50))) AS code,
        if(number % 3 = 0, 'origin', 'edge') AS source,
        arrayElement(['US','DE','FR','GB','IN','BR','JP','NL','SE','ES'], number % 10 + 1) AS country,
        'FRA' AS colo, '' AS referrer,
        arrayElement(['', 't.co', 'google.com', 'news.ycombinator.com', 'reddit.com', 'linkedin.com'], intHash32(number + 1) % 6 + 1) AS referrer_host,
        arrayElement(['', 'newsletter', 'twitter', 'linkedin'], intHash32(number + 2) % 4 + 1) AS utm_source,
        '' AS utm_medium, '' AS utm_campaign, '' AS utm_term, '' AS utm_content,
        arrayElement(['Desktop','Phone','Phone','Tablet','Desktop','Robot'], intHash32(number + 3) % 6 + 1) AS device,
        arrayElement(['Chrome','Safari','Chrome','Chrome','Firefox','Googlebot'], intHash32(number + 3) % 6 + 1) AS browser,
        arrayElement(['Windows NT','iOS','Android','Android','Linux','Google Cloud'], intHash32(number + 3) % 6 + 1) AS os,
        if(intHash32(number + 3) % 6 = 5, 1, 0) AS is_bot,
        intHash64(intDiv(number, 3)) % 3000000 AS visitor,
        'Mozilla/5.0' AS user_agent, now() AS received_at
      FROM numbers($start, $size)" > /dev/null || { say "loading clicks failed"; exit 1; }
    start=$(( start + size ))
    say "loaded $start / $total clicks"
  done
}

run_analytics() {
  local total="${2:-10000000}" requests="${3:-200}" c="${4:-4}"
  start_click_node 50
  local codes
  codes="[$(sed "s/.*/'&'/" "$WORK/codes.txt" | paste -sd,)]"
  load_clicks "$total" "$codes"
  say "letting ClickHouse finish merging what was loaded"
  for _ in $(seq 1 120); do
    [ "$(curl -sf "$CLICKHOUSE_URL/" --data-binary "SELECT count() FROM system.merges")" = "0" ] && break
    sleep 2
  done
  local from to query
  from="$(date -u -d '31 days ago' +%F)"; to="$(date -u -d 'tomorrow' +%F)"
  query="from=$from&to=$to&interval=day&tz=Europe/Paris"
  say "warming up (40 requests)"
  bench_java dev.smo1.bench.AnalyticsLoad "$BASE" "$API_KEY" "$WORK/codes.txt" 40 "$c" "$query" > /dev/null
  for conc in 1 "$c"; do
    say "idle: $requests requests over $conc connections ($query)"
    bench_java dev.smo1.bench.AnalyticsLoad "$BASE" "$API_KEY" "$WORK/codes.txt" "$requests" "$conc" "$query" | tee "$WORK/idle.$conc" >&2
  done
  say "ingesting 2000 clicks/s through the pipeline in the background"
  # java itself in the background (not through bench_java), so that $! is the process to stop
  java -cp "$BENCH_CP" dev.smo1.bench.IngestLoad paced "$BASE" local-click-secret localhost "$WORK/codes.txt" 2000 600 > "$WORK/paced.run" &
  local ingest=$!
  PIDS+=("$ingest")
  sleep 5
  for conc in 1 "$c"; do
    say "while ingesting: $requests requests over $conc connections"
    bench_java dev.smo1.bench.AnalyticsLoad "$BASE" "$API_KEY" "$WORK/codes.txt" "$requests" "$conc" "$query" | tee "$WORK/busy.$conc" >&2
  done
  kill "$ingest" 2>/dev/null || true; wait "$ingest" 2>/dev/null || true
  say "ingest stopped; comparing the API's account total with ClickHouse once the backlog is in"
  local expected=-1 answered=-2 previous=-3
  for _ in $(seq 1 60); do
    sleep 2
    expected="$(curl -sf "$CLICKHOUSE_URL/" --data-binary "SELECT count() FROM clicks WHERE owner = 'local'")"
    answered="$(curl -sf "$BASE/api/v1/analytics?from=$from&to=$to&bots=include" -H "Authorization: Bearer $API_KEY" \
      | sed -n 's/.*"totals":{"clicks":\([0-9]*\).*/\1/p')"
    # equal, and ClickHouse no longer growing: the backlog is in
    [ "$expected" = "$answered" ] && [ "$expected" = "$previous" ] && break
    previous="$expected"
  done
  local stored line=""
  stored="$(curl -sf "$CLICKHOUSE_URL/" --data-binary "SELECT count() FROM clicks")"
  for phase in idle busy; do
    for conc in 1 "$c"; do
      line="$line ${phase}_c${conc}_link_p50_ms=$(field link_p50_ms < "$WORK/$phase.$conc")"
      line="$line ${phase}_c${conc}_link_p95_ms=$(field link_p95_ms < "$WORK/$phase.$conc")"
      line="$line ${phase}_c${conc}_account_p50_ms=$(field account_p50_ms < "$WORK/$phase.$conc")"
      line="$line ${phase}_c${conc}_account_p95_ms=$(field account_p95_ms < "$WORK/$phase.$conc")"
    done
  done
  local worst_idle worst_busy
  worst_idle="$(cat "$WORK/idle.1" | tr ' ' '\n' | grep p95 | cut -d= -f2 | sort -g | tail -1)"
  worst_busy="$(cat "$WORK/busy.1" | tr ' ' '\n' | grep p95 | cut -d= -f2 | sort -g | tail -1)"
  echo "RESULT scenario=analytics stored_clicks=$stored account_clicks=$expected requests=$requests$line" \
    "errors=$(cat "$WORK"/idle.* "$WORK"/busy.* | field errors | awk '{s+=$1} END {print s+0}')" \
    "counts_exact=$([ "$expected" = "$answered" ] && echo true || echo false)" \
    "idle_c1_p95_vs_aim=$(ratio "$worst_idle" 100) busy_c1_p95_vs_aim=$(ratio "$worst_busy" 200)"
}

# the edge's scenarios (edge, kv-lag)
source "$ROOT/bench/edge.sh"

case "$SCENARIO" in
  create) run_create ;;
  bulk) run_bulk ;;
  redirect) run_redirect ;;
  redirect-vs-reference) run_redirect_vs_reference "$@" ;;
  redirect-cold) run_redirect_cold ;;
  redirect-rules) run_redirect_rules "$@" ;;
  unknown-codes) run_unknown_codes "$@" ;;
  hostile) run_hostile "$@" ;;
  readyz-flood) run_readyz_flood "$@" ;;
  projection-lag) run_projection_lag "$@" ;;
  ingest) run_ingest "$@" ;;
  redirect-clicks) run_redirect_clicks "$@" ;;
  analytics) run_analytics "$@" ;;
  edge) run_edge "$@" ;;
  kv-lag) run_kv_lag "$@" ;;
  takedown) run_takedown "$@" ;;
  *) say "unknown scenario '$SCENARIO' (create | bulk | redirect | redirect-vs-reference | redirect-cold | redirect-rules | unknown-codes | hostile | readyz-flood | projection-lag | ingest | redirect-clicks | analytics | edge | kv-lag | takedown)"; exit 2 ;;
esac
