#!/usr/bin/env python3
"""Makes the accounts-upgrade fixture of AccountsUpgradeIT from a running node of the main before
accounts (commit 6ecb1b6, when an API key mapped to an owner string): two owners with keys, links
and clicks written through its API, then its PostgreSQL database (pg_dump --inserts) and its
ClickHouse tables dumped beside this script.

The node's generated key belongs to owner "local"; this script gives a second owner, "acme", a key
of its own the way that version stored keys (a row of api_keys (key_hash, owner), the key's SHA-256
in hex).

Usage: start that node (local profile: embedded PostgreSQL, local redis-server and
clickhouse-server) and pass its HTTP base URL, the generated API key, its PostgreSQL port and its
ClickHouse URL:
  make-fixture.py http://127.0.0.1:PORT smo1_KEY PG_PORT http://127.0.0.1:CH_PORT
"""
import hashlib, json, os, secrets, string, subprocess, sys, time, urllib.request

base, local_key, pg_port, clickhouse = sys.argv[1:5]
here = os.path.dirname(os.path.abspath(__file__))
BROWSER = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0.0.0 Safari/537.36")
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def psql(sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "postgres",
                           "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
                          check=True, capture_output=True, text=True).stdout


# the second owner's key, as that version made and stored keys: smo1_ + 40 base62, SHA-256 hex
acme_key = "smo1_" + "".join(secrets.choice(BASE62) for _ in range(40))
psql("INSERT INTO api_keys (key_hash, owner) VALUES ('%s', 'acme')"
     % hashlib.sha256(acme_key.encode()).hexdigest())
keys = {"local": local_key, "acme": acme_key}


def call(key, method, path, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    if key is not None:
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


def listing(owner, status):
    code, _, body = call(keys[owner], "GET", f"/api/v1/links?limit=100&status={status}")
    assert code == 200, (code, body)
    return json.loads(body)["items"]


# per owner: four aliased links and two generated ones; one target changed, one disabled, one deleted
for owner, key in keys.items():
    for i in range(4):
        status, _, body = call(key, "POST", "/api/v1/links",
                               {"target": f"https://example.com/{owner}/{i}", "alias": f"{owner}{i}",
                                "tags": [owner]})
        assert status == 201, (owner, status, body)
    for i in range(2):
        status, _, body = call(key, "POST", "/api/v1/links",
                               {"target": f"https://example.org/{owner}/generated/{i}"})
        assert status == 201, (owner, status, body)
    assert call(key, "PATCH", f"/api/v1/links/{owner}1",
                {"target": f"https://example.com/{owner}/1/changed"})[0] == 200
    assert call(key, "POST", f"/api/v1/links/{owner}2/disable")[0] == 200
    assert call(key, "DELETE", f"/api/v1/links/{owner}3")[0] == 204

# the read model (eventually consistent) lists every change above
deadline = time.time() + 60
while not all(len(listing(owner, "active")) == 4 and len(listing(owner, "disabled")) == 1
              for owner in keys):
    assert time.time() < deadline, "the read model did not catch up"
    time.sleep(0.5)

expected = {"commit": "6ecb1b6", "owners": {}}
for owner, key in keys.items():
    active = listing(owner, "active")
    disabled = listing(owner, "disabled")
    clicks = {}
    offset = 1 if owner == "local" else 10
    for n, link in enumerate(active):
        for visit in range(n + offset):
            status, _, _ = call(None, "GET", "/" + link["code"], headers={"User-Agent": BROWSER})
            assert status in (301, 302), status
        clicks[link["code"]] = n + offset
    links = [{"code": link["code"], "target": link["target"], "status": link["status"]}
             for link in active + disabled]
    links.append({"code": f"{owner}3", "target": None, "status": "deleted"})
    expected["owners"][owner] = {"apiKey": key, "links": links, "clicks": clicks}

# every click in ClickHouse before dumping
deadline = time.time() + 120
for owner, data in expected["owners"].items():
    while True:
        counted = {}
        for code in data["clicks"]:
            _, _, body = call(keys[owner], "GET", f"/api/v1/links/{code}/analytics?bots=include")
            counted[code] = json.loads(body)["totals"]["clicks"] if body else -1
        if counted == data["clicks"]:
            break
        assert time.time() < deadline, counted
        time.sleep(1)
    _, _, body = call(keys[owner], "GET", "/api/v1/analytics?bots=include")
    assert json.loads(body)["totals"]["clicks"] == sum(data["clicks"].values()), body

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
    json.dump(expected, out, indent=1)
for owner, data in expected["owners"].items():
    print("fixture written:", owner, len(data["links"]), "links,", sum(data["clicks"].values()), "clicks")
