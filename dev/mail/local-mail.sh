#!/usr/bin/env bash
# The local inbox: maildev (pinned in package.json, installed with the pnpm workspace) catches the
# mail a node sends over SMTP and shows it at http://127.0.0.1:<ui port> (REST: GET /api/email).
# Bound to 127.0.0.1 only; mail kept in the directory given (the newest 500 messages).
#
#   dev/mail/local-mail.sh check   start it on free ports, send one message over SMTP with curl,
#                                  find it through the API, stop it, check both ports closed
#   . dev/mail/local-mail.sh       functions for ./smo1:
#     local_mail_setup                    fails saying so when maildev is not installed
#     local_mail_start SMTP UI DIR        start maildev (a port 0: a free one), wait until GET
#                                         /api/email answers; sets LOCAL_MAIL_PID,
#                                         LOCAL_MAIL_SMTP_PORT, LOCAL_MAIL_UI_PORT
#     local_mail_stop                     stop it (nothing to do when none runs)
#     local_mail_check                    the check above
# maildev needs Node >= 20: the `node` on PATH, or $LOCAL_MAIL_NODE (./smo1 puts its toolchain's
# Node 22 first on PATH).

LOCAL_MAIL_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOCAL_MAIL_PID=
LOCAL_MAIL_SMTP_PORT=
LOCAL_MAIL_UI_PORT=

local_mail_say() {
  if declare -F say >/dev/null; then say "$@"; else echo "local-mail: $*" >&2; fi
}

# local_mail_node: the node binary maildev runs on (Node >= 20), or fails saying so
local_mail_node() {
  local node="${LOCAL_MAIL_NODE:-$(command -v node || true)}" major
  if [ -n "$node" ] && [ -x "$node" ]; then
    major="$("$node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
    if [ -n "$major" ] && [ "$major" -ge 20 ] 2>/dev/null; then
      echo "$node"
      return 0
    fi
  fi
  local_mail_say "maildev needs Node >= 20 (found: ${node:-none}${major:+, v$major}); install it or set LOCAL_MAIL_NODE"
  return 1
}

local_mail_setup() {
  if [ ! -f "$LOCAL_MAIL_HOME/node_modules/maildev/dist/bin/maildev.js" ]; then
    local_mail_say "maildev is not installed: it is a package of the pnpm workspace (./smo1 installs it: pnpm install --frozen-lockfile at the repository root)"
    return 1
  fi
}

# local_mail_free_ports: two distinct free loopback ports, "smtp ui" (both held while picked)
local_mail_free_ports() {
  "$1" -e '
    const net = require("net");
    const listen = () => new Promise(ok => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => ok(s)); });
    Promise.all([listen(), listen()]).then(servers => {
      console.log(servers.map(s => s.address().port).join(" "));
      servers.forEach(s => s.close());
    });'
}

local_mail_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

local_mail_start() {
  local smtp="$1" ui="$2" dir="$3" node attempt smtp_port ui_port free log waited
  node="$(local_mail_node)" || return 1
  mkdir -p "$dir/messages"
  log="$dir/maildev.log"
  # a free port picked here may be taken before maildev binds it: then pick again
  for attempt in 1 2 3; do
    free="$(local_mail_free_ports "$node")"
    smtp_port="$smtp" ui_port="$ui"
    [ "$smtp_port" = 0 ] && smtp_port="${free% *}"
    [ "$ui_port" = 0 ] && ui_port="${free#* }"
    # its own configuration file (none found by searching up from the working directory) and no
    # MAILDEV_* variable: only what is passed here counts
    (cd "$dir" && exec env $(compgen -e | grep '^MAILDEV_' | sed 's/^/-u /') "$node" \
      "$LOCAL_MAIL_HOME/node_modules/maildev/dist/bin/maildev.js" --config "$LOCAL_MAIL_HOME/maildev.json" \
      --ip 127.0.0.1 --smtp "$smtp_port" --web-ip 127.0.0.1 --web "$ui_port" \
      --mail-directory "$dir/messages") > "$log" 2>&1 &
    LOCAL_MAIL_PID=$!
    waited=0
    # ready: maildev printed its banner (both ports bound by this process, not by another one
    # answering on them) and the API answers
    until grep -q 'Press Ctrl+C to stop' "$log" 2>/dev/null \
      && curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$ui_port/api/email"; do
      if ! kill -0 "$LOCAL_MAIL_PID" 2>/dev/null; then
        wait "$LOCAL_MAIL_PID" 2>/dev/null || true
        LOCAL_MAIL_PID=
        break
      fi
      waited=$((waited + 1))
      if [ "$waited" -gt 300 ]; then
        local_mail_say "maildev did not answer on http://127.0.0.1:$ui_port/api/email within 30 s (log: $log)"
        local_mail_stop
        return 1
      fi
      sleep 0.1
    done
    if [ -n "$LOCAL_MAIL_PID" ]; then
      LOCAL_MAIL_SMTP_PORT="$smtp_port" LOCAL_MAIL_UI_PORT="$ui_port"
      return 0
    fi
    if grep -q EADDRINUSE "$log" && { [ "$smtp" = 0 ] || [ "$ui" = 0 ]; } && [ "$attempt" -lt 3 ]; then
      continue
    fi
    tail -5 "$log" >&2
    if grep -q EADDRINUSE "$log"; then
      local_mail_say "maildev could not bind 127.0.0.1:$smtp_port (SMTP) or :$ui_port (inbox): taken; set SMO1_MAIL_SMTP_PORT / SMO1_MAIL_UI_PORT (0: a free port) or SMO1_LOCAL_MAIL=off"
    else
      local_mail_say "maildev stopped at start (log: $log)"
    fi
    return 1
  done
}

local_mail_stop() {
  [ -n "${LOCAL_MAIL_PID:-}" ] || return 0
  local waited=0
  kill "$LOCAL_MAIL_PID" 2>/dev/null || true
  while kill -0 "$LOCAL_MAIL_PID" 2>/dev/null && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -9 "$LOCAL_MAIL_PID" 2>/dev/null || true
  wait "$LOCAL_MAIL_PID" 2>/dev/null || true
  LOCAL_MAIL_PID=
}

local_mail_check() {
  local dir node smtp ui nonce waited=0
  node="$(local_mail_node)" || return 1
  dir="$(mktemp -d)"
  local_mail_start 0 0 "$dir" || { rm -rf "$dir"; local_mail_say "local mail check failed: maildev did not start"; return 1; }
  smtp="$LOCAL_MAIL_SMTP_PORT" ui="$LOCAL_MAIL_UI_PORT"
  nonce="$$-$RANDOM"
  local to="check@smo1.test" subject="SMO1 local mail check $nonce" text="One message through the local inbox ($nonce)."
  printf 'From: SMO1 <no-reply@smo1.test>\r\nTo: %s\r\nSubject: %s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' \
    "$to" "$subject" "$text" > "$dir/message.eml"
  local failure=
  if ! curl -sS --max-time 10 "smtp://127.0.0.1:$smtp" --mail-from no-reply@smo1.test --mail-rcpt "$to" \
    --upload-file "$dir/message.eml"; then
    failure="curl could not send the message to smtp://127.0.0.1:$smtp"
  else
    # maildev lists a message once it has parsed it, just after its SMTP reply: look for up to 5 s
    until curl -sf --max-time 2 -o "$dir/inbox.json" "http://127.0.0.1:$ui/api/email" \
      && failure="$("$node" -e '
        const [file, to, subject, text] = process.argv.slice(1);
        const inbox = JSON.parse(require("fs").readFileSync(file, "utf8"));
        const found = inbox.find(m => m.subject === subject);
        const problem = !found ? `no message with subject "${subject}" among the ${inbox.length} listed`
          : JSON.stringify((found.to || []).map(a => a.address)) !== JSON.stringify([to])
            ? `to is ${JSON.stringify(found.to)}, not ${to}`
          : (found.text || "").trim() !== text ? `text is ${JSON.stringify(found.text)}, not ${JSON.stringify(text)}`
          : "";
        console.log(problem);' "$dir/inbox.json" "$to" "$subject" "$text")" \
      && [ -z "$failure" ]; do
      waited=$((waited + 1))
      if [ "$waited" -ge 50 ]; then
        failure="GET http://127.0.0.1:$ui/api/email: ${failure:-no answer}"
        break
      fi
      sleep 0.1
    done
  fi
  local_mail_stop
  if [ -z "$failure" ]; then
    local port
    for port in "$smtp" "$ui"; do
      if local_mail_port_open "$port"; then failure="port $port still open after maildev stopped"; fi
    done
  fi
  if [ -n "$failure" ]; then
    tail -5 "$dir/maildev.log" >&2 || true
    rm -rf "$dir"
    local_mail_say "local mail check failed: $failure"
    return 1
  fi
  rm -rf "$dir"
  local_mail_say "local mail check passed: maildev on 127.0.0.1:$smtp (SMTP) and :$ui (inbox) took a message sent with curl, listed it with its to, subject and text, and closed both ports on stop"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    check)
      trap local_mail_stop EXIT
      local_mail_setup
      local_mail_check
      ;;
    *) echo "usage: dev/mail/local-mail.sh check   (./smo1 run and ./smo1 test source the functions)" >&2; exit 2 ;;
  esac
fi
