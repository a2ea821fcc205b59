#!/usr/bin/env python3
"""Makes the legacy-layout fixture of LegacyLayoutUpgradeIT from a running node of the main before
modules owned their migrations (commit a952a89): links and clicks written through its API, then
its PostgreSQL database (pg_dump --inserts) and its ClickHouse tables dumped beside this script.

Usage: start that node (local profile: embedded PostgreSQL, local redis-server and
clickhouse-server) and pass its HTTP base URL, API key, PostgreSQL port and ClickHouse URL:
  make-fixture.py http://127.0.0.1:PORT smo1_KEY PG_PORT http://127.0.0.1:CH_PORT
"""
import json, os, subprocess, sys, time, urllib.request

base, key, pg_port, clickhouse = sys.argv[1:5]
here = os.path.dirname(os.path.abspath(__file__))
BROWSER = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0.0.0 Safari/537.36")


def call(method, path, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", "Bearer " + key)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


links = []
for i in range(6):
    status, _, body = call("POST", "/api/v1/links",
                           {"target": f"https://example.com/legacy/{i}", "alias": f"legacy{i}",
                            "tags": ["legacy"]})
    assert status == 201, (status, body)
for i in range(4):
    status, _, body = call("POST", "/api/v1/links", {"target": f"https://example.org/generated/{i}"})
    assert status == 201, (status, body)
# more events on some links: a changed target, a disabled link, a deleted one
assert call("PATCH", "/api/v1/links/legacy1", {"target": "https://example.com/legacy/1/changed"})[0] == 200
assert call("POST", "/api/v1/links/legacy2/disable")[0] == 200
assert call("DELETE", "/api/v1/links/legacy3")[0] == 204

time.sleep(3)  # the read model (eventually consistent) lists the changes above
status, _, body = call("GET", "/api/v1/links?limit=100&status=active")
active = json.loads(body)["items"]
status, _, body = call("GET", "/api/v1/links?limit=100&status=disabled")
disabled = json.loads(body)["items"]
clicks = {}
for n, link in enumerate(active):
    for visit in range(n + 1):
        status, headers, _ = call("GET", "/" + link["code"], headers={"User-Agent": BROWSER})
        assert status in (301, 302), status
    clicks[link["code"]] = n + 1
for link in active + disabled:
    links.append({"code": link["code"], "target": link["target"], "status": link["status"]})
links.append({"code": "legacy3", "target": None, "status": "deleted"})

# every click in ClickHouse before dumping
deadline = time.time() + 120
while True:
    counted = {}
    for code in clicks:
        _, _, body = call("GET", f"/api/v1/links/{code}/analytics?bots=include")
        counted[code] = json.loads(body)["totals"]["clicks"] if body else -1
    if counted == clicks:
        break
    assert time.time() < deadline, counted
    time.sleep(1)

subprocess.run(["pg_dump", "--inserts", "--no-owner", "--no-privileges", "--no-comments",
                "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-f",
                os.path.join(here, "postgres.sql"), "postgres"], check=True)
# psql's meta-commands (\restrict of current pg_dump) are not SQL: the test runs the file over JDBC
dump = os.path.join(here, "postgres.sql")
with open(dump) as f:
    kept = [line for line in f if not line.startswith("\\")]
with open(dump, "w") as f:
    f.writelines(kept)


def clickhouse_query(sql):
    with urllib.request.urlopen(clickhouse + "/", data=sql.encode()) as response:
        return response.read().decode()


tables = clickhouse_query(
    "SELECT name, engine FROM system.tables WHERE database = 'default' ORDER BY name FORMAT JSONEachRow")
tables = [json.loads(line) for line in tables.splitlines() if line]
plain = [t["name"] for t in tables if t["engine"] != "MaterializedView"]
views = [t["name"] for t in tables if t["engine"] == "MaterializedView"]
statements = []
for name in plain + views:
    statements.append(clickhouse_query(f"SHOW CREATE TABLE default.{name} FORMAT TabSeparatedRaw").strip())
with open(os.path.join(here, "clickhouse-tables.sql"), "w") as out:
    out.write(";\n".join(statements) + ";\n")
rows = {name: clickhouse_query(f"SELECT * FROM default.{name} FORMAT JSONEachRow") for name in plain}
with open(os.path.join(here, "clickhouse-rows.json"), "w") as out:
    json.dump({"tables": plain, "rows": rows}, out, indent=1)
with open(os.path.join(here, "expected.json"), "w") as out:
    json.dump({"apiKey": key, "owner": "local", "links": links, "clicks": clicks}, out, indent=1)
print("fixture written:", len(links), "links,", sum(clicks.values()), "clicks")
