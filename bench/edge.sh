# The edge scenarios of bench/run.sh (sourced by it: its helpers, $WORK, $PIDS and say are there).
#   edge [CODES=10000] [SECONDS=15] [ROUNDS=3]   the edge Worker in local workerd (Miniflare), fresh,
#            with CODES link records written to its KV: requests/s, p50, p99 at 16 connections over
#            random codes, rounds alternating with the same Worker build reading its links from a
#            map in memory instead of KV (vs_no_kv); then every code once over 1 connection, each
#            request's latency recorded (seq_p50_ms, seq_p99_ms). Answers that are not 302 and
#            socket errors are counted (errors=)
#   kv-lag [RATE=50] [SECONDS=60]   a node with the local edge under RATE link changes per second
#            through the API (creates, and updates of links made before); for each change, the time
#            from the API's answer to KV acknowledging the write of its record (the KV API
#            stand-in's log), and, for one change in five, to the Worker redirecting to its new
#            target; changes KV never got within 30 s of the end are missing=

# the edge's short domain: a request to 127.0.0.1 is for it (the Worker's domainOf)
EDGE_DOMAIN=edge.bench

# start_edge <name> [VAR=value...]: a fresh local edge (edge-redirect/dev/local-edge.mjs) named
# <name>, its Worker on a free port, its KV API stand-in on another (or $EDGE_KV_PORT), its origin
# $EDGE_ORIGIN (or $CLICK_SINK); sets <NAME>_URL and <NAME>_KV (the stand-in's /client/v4 base)
start_edge() {
  local name="$1"; shift
  local node_bin="$ROOT/dev/toolchain/node_modules/node/bin/node" port kv_port
  port="$(bench_java dev.smo1.bench.FreePort)"; kv_port="${EDGE_KV_PORT:-$(bench_java dev.smo1.bench.FreePort)}"
  (cd "$ROOT/edge-redirect" && exec env ORIGIN_URL="${EDGE_ORIGIN:-$CLICK_SINK}" EDGE_PORT="$port" KV_API_PORT="$kv_port" \
    KV_API_TOKEN=local-token CF_ACCOUNT_ID=local-account KV_NAMESPACE_ID=local-links \
    SHORT_DOMAIN="$EDGE_DOMAIN" CLICK_SECRET=bench-click-secret EDGE_STATE_DIR="$WORK/edge-$name" "$@" \
    "$node_bin" dev/local-edge.mjs > "$WORK/edge-$name.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    if grep -q '^SMO1_EDGE_READY' "$WORK/edge-$name.log"; then
      printf -v "${name^^}_URL" '%s' "http://127.0.0.1:$port"
      printf -v "${name^^}_KV" '%s' "http://127.0.0.1:$kv_port/client/v4"
      say "local edge '$name' ready at http://127.0.0.1:$port"
      return 0
    fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  cat "$WORK/edge-$name.log" >&2; say "the local edge '$name' did not start"; exit 1
}

# start_click_sink: where the edge's clicks go in the edge scenario (no node there): an HTTP server
# that takes every batch with 202, so the Worker's queue acknowledges them as it would with a node
start_click_sink() {
  local port; port="$(bench_java dev.smo1.bench.FreePort)"
  "$ROOT/dev/toolchain/node_modules/node/bin/node" -e "
    require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(202); r.end(); }); })
      .listen($port, '127.0.0.1');" &
  PIDS+=($!)
  CLICK_SINK="http://127.0.0.1:$port"
  for _ in $(seq 1 40); do curl -s -o /dev/null "$CLICK_SINK/" && return 0; sleep 0.25; done
  say "the click sink did not start"; exit 1
}

# expect_redirects <base URL> <expected file> <how many>: the first codes redirect to their targets
expect_redirects() {
  local code target location
  head -"$3" "$2" | while read -r code target; do
    location="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$1/$code")"
    [ "$location" = "302 $target" ] || { say "$1/$code answered '$location', not '302 $target'"; exit 1; }
  done
}

# run_field <key>: the value of exactly <key> on a RUN line (field would take served_p50_ms for p50_ms)
run_field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

socket_errors() { awk '/Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$1"; }

run_edge() {
  local codes="${2:-10000}" seconds="${3:-15}" rounds="${4:-3}"
  ensure_tool wrk wrk
  ensure_tool curl curl
  say "writing $codes link records (format 1, domain $EDGE_DOMAIN)"
  "$ROOT/dev/toolchain/node_modules/node/bin/node" "$ROOT/bench/edge/records.mjs" "$codes" "$WORK" "$EDGE_DOMAIN"
  start_click_sink
  start_edge kv
  start_edge memory KV_IN_MEMORY="$WORK/records.json"
  say "writing them to the KV edge's namespace through its KV API stand-in (bulk writes of 10,000)"
  "$ROOT/dev/toolchain/node_modules/node/bin/node" -e "
    const pairs = require('$WORK/records.json');
    (async () => {
      for (let i = 0; i < pairs.length; i += 10000) {
        const answer = await fetch('$KV_KV/accounts/local-account/storage/kv/namespaces/local-links/bulk', {
          method: 'PUT', headers: { Authorization: 'Bearer local-token', 'Content-Type': 'application/json' },
          body: JSON.stringify(pairs.slice(i, i + 10000)) });
        if (!answer.ok) { console.error(await answer.text()); process.exit(1); }
      }
    })();"
  expect_redirects "$KV_URL" "$WORK/expected.txt" 20
  expect_redirects "$MEMORY_URL" "$WORK/expected.txt" 20
  status_script "$WORK/edge.lua" "local codes = {}
for line in io.lines(\"$WORK/codes.txt\") do codes[#codes + 1] = line end
request = function() return wrk.format(\"GET\", \"/\" .. codes[math.random(#codes)]) end"
  say "warm-up (discarded): 5 s at 16 connections on each"
  wrk -t1 -c16 -d5s -s "$WORK/edge.lua" "$KV_URL" > /dev/null
  wrk -t1 -c16 -d5s -s "$WORK/edge.lua" "$MEMORY_URL" > /dev/null
  : > "$WORK/errors"
  for round in $(seq 1 "$rounds"); do
    for side in kv memory; do
      local url; [ "$side" = kv ] && url="$KV_URL" || url="$MEMORY_URL"
      say "round $round/$rounds, $side: ${seconds}s at 16 connections"
      wrk -t1 -c16 -d"${seconds}s" --latency -s "$WORK/edge.lua" "$url" > "$WORK/$side.$round"
      local not_302 sockets
      not_302="$(status_other "$WORK/$side.$round" 302)"; sockets="$(socket_errors "$WORK/$side.$round")"
      echo $(( not_302 + sockets )) >> "$WORK/errors"
      echo "$(wrk_run "$WORK/$side.$round") not_302=$not_302 socket_errors=$sockets errors=$(( not_302 + sockets ))" \
        | tee -a "$WORK/$side.runs" >&2
    done
    echo "$(ratio "$(wrk_rps < "$WORK/kv.$round")" "$(wrk_rps < "$WORK/memory.$round")")" >> "$WORK/vs_no_kv"
  done
  say "sequential: every code once over 1 connection (KV edge)"
  local seq
  seq="$(bench_java dev.smo1.bench.RedirectLoad "$KV_URL" "$WORK/codes.txt" 1 | tail -1)"
  echo "$seq" >&2
  echo "$(field errors <<< "$seq")" >> "$WORK/errors"
  echo "RESULT scenario=edge codes=$codes seconds=$seconds rounds=$rounds connections=16 $(summary "$WORK/kv.runs")" \
    "seq_p50_ms=$(field p50_ms <<< "$seq") seq_p99_ms=$(field p99_ms <<< "$seq") seq_requests=$(field requests <<< "$seq")" \
    "no_kv_rps=$(field rps < "$WORK/memory.runs" | median) no_kv_p50_ms=$(field p50_ms < "$WORK/memory.runs" | median)" \
    "no_kv_p99_ms=$(field p99_ms < "$WORK/memory.runs" | median) vs_no_kv=$(median < "$WORK/vs_no_kv")" \
    "errors=$(awk '{s += $1} END {print s + 0}' "$WORK/errors")"
}

# start_node_with_kv_edge: a node syncing Workers KV into the local edge's KV stand-in, and the
# edge (the Worker in workerd) in front of it; the links' short domain is EDGE_SHORT_DOMAIN
# (localhost): their KV keys are '<domain>/<code>', and a request to 127.0.0.1 at the Worker is for
# that domain
EDGE_SHORT_DOMAIN=localhost
start_node_with_kv_edge() {
  ensure_tool curl curl
  local kv_port; kv_port="$(bench_java dev.smo1.bench.FreePort)"
  export SMO1_CLOUDFLARE_API_URL="http://127.0.0.1:$kv_port/client/v4" SMO1_CLOUDFLARE_ACCOUNT_ID=local-account
  export SMO1_EDGE_KV_NAMESPACE_ID=local-links SMO1_CLOUDFLARE_API_TOKEN=local-token
  export SMO1_EDGE_CLICK_SECRET=bench-click-secret
  export SMO1_SHORT_DOMAIN="$EDGE_SHORT_DOMAIN"
  start_node
  EDGE_DOMAIN="$EDGE_SHORT_DOMAIN" EDGE_ORIGIN="$BASE" EDGE_KV_PORT="$kv_port" start_edge kv
}

run_kv_lag() {
  local rate="${2:-50}" seconds="${3:-60}" domain="$EDGE_SHORT_DOMAIN"
  start_node_with_kv_edge
  say "warm-up (discarded): $rate changes/s for 10 s"
  bench_java -Dsmo1.bench.domain="$domain" dev.smo1.bench.KvLagLoad \
    "$BASE" "$API_KEY" "${KV_KV%/client/v4}" "$KV_URL" "$rate" 10 > /dev/null
  say "$rate changes/s for ${seconds}s"
  local run
  run="$(bench_java -Dsmo1.bench.domain="$domain" dev.smo1.bench.KvLagLoad \
    "$BASE" "$API_KEY" "${KV_KV%/client/v4}" "$KV_URL" "$rate" "$seconds" | tail -1)"
  echo "$run" >&2
  local key line="RESULT scenario=kv-lag rate=$rate seconds=$seconds"
  for key in p50_ms p99_ms max_ms served_p50_ms served_p99_ms served_samples changes creates updates missing failed; do
    line+=" $key=$(run_field "$key" <<< "$run")"
  done
  line+=" achieved_rate=$(run_field rate <<< "$run")"
  line+=" kv_requests_per_s=$(curl -s "$MANAGEMENT/metrics" | awk '$1 == "smo1_edge_kv_requests_per_second_limit" {print $2}')"
  line+=" p99_vs_aim=$(ratio "$(run_field p99_ms <<< "$run")" 1000)"
  echo "$line"
}

# run_takedown [TAKEDOWNS=200] [RATE=20]: a platform admin takes links down (decision 0034); p99
# from the takedown's acknowledgement to the local edge (workerd, its KV stand-in) serving the 451
# page from KV, asked every 20 ms (resolution_ms), against the owner disabling links in the same run
# until the Worker serves their 410 from KV (vs_disable)
run_takedown() {
  local takedowns="${2:-200}" rate="${3:-20}" domain="$EDGE_SHORT_DOMAIN"
  start_node_with_kv_edge
  say "$takedowns takedowns and $takedowns disables at $rate/s"
  local run
  run="$(bench_java dev.smo1.bench.TakedownLoad "$BASE" "$API_KEY" "$KV_URL" "$domain" "$takedowns" "$rate" | tail -1)"
  echo "$run" >&2
  local key line="RESULT scenario=takedown rate=$rate"
  for key in takedowns takedown_p50_ms takedown_p99_ms takedown_max_ms disables disable_p50_ms disable_p99_ms resolution_ms missing failed; do
    line+=" $key=$(run_field "$key" <<< "$run")"
  done
  line+=" vs_disable=$(ratio "$(run_field takedown_p99_ms <<< "$run")" "$(run_field disable_p99_ms <<< "$run")")"
  line+=" p99_vs_aim=$(ratio "$(run_field takedown_p99_ms <<< "$run")" 5000)"
  echo "$line"
}
