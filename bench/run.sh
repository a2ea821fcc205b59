#!/usr/bin/env bash
# Benchmarks behind `./smo1 bench <scenario>` (./smo1 picks the JDK and builds first).
#   create   [N=20000] [C=32] [ROUNDS=3]   creates/s, p50, p99 vs direct JDBC inserts
#   redirect [N=20000] [C=32] [ROUNDS=3]   origin redirects/s, p50, p99 vs nginx answering a static 302
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

start_node() {
  API_KEY="smo1_bench$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 35)"
  say "starting a node (embedded PostgreSQL under $WORK)"
  SMO1_PROFILE=local SMO1_DATA_DIR="$WORK/node" SMO1_HTTP_PORT=0 SMO1_REMOTE_PORT=0 \
    SMO1_BOOTSTRAP_API_KEY="$API_KEY" SMO1_LOG_FORMAT=text SMO1_LOG_LEVEL=INFO \
    java --sun-misc-unsafe-memory-access=allow -Xms1g -Xmx1g -cp "$NODE_CP" dev.smo1.node.Main \
    > "$WORK/node.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    if grep -q '^SMO1_NODE_READY' "$WORK/node.log"; then break; fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/node.log" >&2; say "node died"; exit 1; }
    sleep 1
  done
  BASE="$(sed -n 's/^SMO1_NODE_READY http=\([^ ]*\).*/\1/p' "$WORK/node.log")"
  DB_URL="$(sed -n 's/.*embedded PostgreSQL ready url=\(.*\)$/\1/p' "$WORK/node.log" | head -1)"
  [ -n "$BASE" ] || { cat "$WORK/node.log" >&2; say "node did not become ready"; exit 1; }
  say "node ready at $BASE"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}'; }

# wrk's latency histogram as milliseconds: "50%  1.23ms" lines
wrk_percentile() { awk -v p="$1" '$1 == p { v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v }'; }
wrk_rps() { awk '/^Requests\/sec:/ {print $2}'; }
wrk_errors() { awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors/ {print "socket:" $0}'; }

run_create() {
  start_node
  : > "$WORK/codes.txt"
  say "warming up (1000 creates)"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" 1000 "$C" "$WORK/warmup.txt" warmup > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    say "round $round/$ROUNDS: $N creates, $C connections"
    bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/codes.txt" "r$round" | tee -a "$WORK/smo1.runs" >&2
    say "round $round/$ROUNDS: reference, $N direct JDBC inserts, $C connections"
    bench_java dev.smo1.bench.JdbcInsertLoad "$DB_URL" "$N" "$C" | tee -a "$WORK/ref.runs" >&2
  done
  local rps p50 p99 ref lo hi
  rps="$(field rps < "$WORK/smo1.runs" | median)"; lo="$(field rps < "$WORK/smo1.runs" | sort -g | head -1)"; hi="$(field rps < "$WORK/smo1.runs" | sort -g | tail -1)"
  p50="$(field p50_ms < "$WORK/smo1.runs" | median)"; p99="$(field p99_ms < "$WORK/smo1.runs" | median)"
  ref="$(field rps < "$WORK/ref.runs" | median)"
  echo "RESULT scenario=create n=$N concurrency=$C rounds=$ROUNDS rps=$rps rps_min=$lo rps_max=$hi p50_ms=$p50 p99_ms=$p99 jdbc_insert_rps=$ref vs_jdbc_insert=$(ratio "$rps" "$ref")"
}

run_redirect() {
  ensure_tool wrk wrk
  ensure_tool nginx nginx
  start_node
  : > "$WORK/codes.txt"
  say "seeding $N links"
  bench_java dev.smo1.bench.CreateLoad "$BASE" "$API_KEY" "$N" "$C" "$WORK/codes.txt" seed > /dev/null
  cat > "$WORK/redirect.lua" <<LUA
local codes = {}
for line in io.lines("$WORK/codes.txt") do codes[#codes + 1] = line end
local i = math.random(#codes)
request = function()
  i = i % #codes + 1
  return wrk.format("GET", "/" .. codes[i])
end
LUA
  local nginx_port; nginx_port="$(bench_java dev.smo1.bench.FreePort)"
  mkdir -p "$WORK/nginx"
  cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { add_header Cache-Control no-store; return 302 https://example.com/bench/static; }
  }
}
NGINX
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
  PIDS+=($!)
  local threads=2
  say "warming up SMO1 (every link resolved once, ${DURATION}s)"
  wrk -t"$threads" -c"$C" -d"${DURATION}s" -s "$WORK/redirect.lua" "$BASE" > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    say "round $round/$ROUNDS: SMO1 origin redirects over $N links, $C connections, ${DURATION}s"
    wrk -t"$threads" -c"$C" -d"${DURATION}s" --latency -s "$WORK/redirect.lua" "$BASE" > "$WORK/smo1.$round"
    say "round $round/$ROUNDS: reference, nginx static 302, same load"
    wrk -t"$threads" -c"$C" -d"${DURATION}s" --latency "http://127.0.0.1:$nginx_port/x" > "$WORK/ref.$round"
    echo "RUN rps=$(wrk_rps < "$WORK/smo1.$round") p50_ms=$(wrk_percentile 50% < "$WORK/smo1.$round") p99_ms=$(wrk_percentile 99% < "$WORK/smo1.$round") errors=$(wrk_errors < "$WORK/smo1.$round" | tr '\n' ' ')" | tee -a "$WORK/smo1.runs" >&2
    echo "RUN rps=$(wrk_rps < "$WORK/ref.$round") p50_ms=$(wrk_percentile 50% < "$WORK/ref.$round") p99_ms=$(wrk_percentile 99% < "$WORK/ref.$round")" | tee -a "$WORK/ref.runs" >&2
  done
  if grep -q "errors=[0-9s]" "$WORK/smo1.runs"; then say "some redirects failed (non-3xx or socket errors), see above"; fi
  local rps p50 p99 ref lo hi
  rps="$(field rps < "$WORK/smo1.runs" | median)"; lo="$(field rps < "$WORK/smo1.runs" | sort -g | head -1)"; hi="$(field rps < "$WORK/smo1.runs" | sort -g | tail -1)"
  p50="$(field p50_ms < "$WORK/smo1.runs" | median)"; p99="$(field p99_ms < "$WORK/smo1.runs" | median)"
  ref="$(field rps < "$WORK/ref.runs" | median)"
  echo "RESULT scenario=redirect links=$N connections=$C duration_s=$DURATION rounds=$ROUNDS rps=$rps rps_min=$lo rps_max=$hi p50_ms=$p50 p99_ms=$p99 nginx_rps=$ref nginx_p99_ms=$(field p99_ms < "$WORK/ref.runs" | median) vs_nginx=$(ratio "$rps" "$ref")"
}

case "$SCENARIO" in
  create) run_create ;;
  redirect) run_redirect ;;
  *) say "unknown scenario '$SCENARIO' (create | redirect)"; exit 2 ;;
esac
