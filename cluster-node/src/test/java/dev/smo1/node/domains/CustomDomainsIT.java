package dev.smo1.node.domains;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.localstores.testing.TestDns;
import dev.smo1.localstores.testing.TestDns.Entry;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.LocalEdge;
import dev.smo1.node.testing.TestNodes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom domains on a node, verified against a real DNS server on loopback (dnsmasq): pending until
 * the TXT record holds the token and the domain is a CNAME to SMO1, a wrong token stays pending, a
 * record removed is flagged by the next check; a verified domain holds links of its own, which
 * redirect on its host only, with its root and not-found settings; removed, its links answer 410.
 */
class CustomDomainsIT {
  private static final String DOMAINS = "/api/v1/workspaces/" + TestNodes.OWNER + "/domains";
  private static final String TARGET = "cname.smo1.test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestDns dns;
  private static LocalEdge edge;
  private static String database;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    dns = TestDns.start(List.of(Entry.a(TARGET, "127.0.0.1")));
    database = TestPostgres.newDatabase();
    int port = LoopbackPorts.free();
    edge = LocalEdge.start("http://127.0.0.1:" + port, TestNodes.SHORT_DOMAIN);
    Map<String, Object> overrides = new HashMap<>(edge.nodeOverrides(4));
    overrides.put("smo1.http.port", port);
    overrides.put("smo1.domains.resolver", "127.0.0.1:" + dns.address().getPort());
    overrides.put("smo1.domains.cname-target", TARGET);
    node = TestNodes.start(database, Clock.systemUTC(), true, overrides);
    api = new ApiClient(node.httpAddress());
    // the bootstrap workspace reaches its table through the workspace projection
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (TestPostgres.count(database, "SELECT count(*) FROM workspaces WHERE id = 'alice'") == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (dns != null) {
      dns.close();
    }
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  void aVerifiedDomainHoldsLinksOfItsOwnOnItsHostOnly() throws Exception {
    var added = api.post(DOMAINS, TestNodes.OWNER_KEY, "{\"domain\": \"Go.Shop.test\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode domain = JSON.readTree(added.body());
    assertThat(domain.get("domain").asText()).isEqualTo("go.shop.test");
    assertThat(domain.get("status").asText()).isEqualTo("pending");
    assertThat(domain.at("/records/0/name").asText()).isEqualTo("_smo1-challenge.go.shop.test");
    assertThat(domain.at("/records/1/type").asText()).isEqualTo("CNAME");
    assertThat(domain.at("/records/1/value").asText()).isEqualTo(TARGET);
    String token = domain.at("/records/0/value").asText();
    assertThat(api.get(DOMAINS + "/go.shop.test", TestNodes.OWNER_KEY).body())
        .doesNotContain(token);

    // a pending domain holds no links, and never serves the default domain's though it may
    // already point at SMO1
    assertThat(createOn("go.shop.test", "promo").statusCode()).isEqualTo(422);
    assertThat(
            api.createLink(TestNodes.OWNER_KEY, "plain", "https://example.com/plain").statusCode())
        .isEqualTo(201);
    assertThat(visit("go.shop.test", "/plain")).containsEntry("status", "404");
    assertThat(visit("go.shop.test", "/plain")).containsEntry("cache-control", "no-store");
    var unknownNamed =
        api.send(api.request("/plain").header("X-SMO1-Domain", "go.shop.test").GET());
    assertThat(unknownNamed.statusCode()).isEqualTo(404);
    assertThat(unknownNamed.headers().allValues("Vary")).contains("X-SMO1-Domain");

    assertThat(verify().get("problem").asText()).contains("No TXT record");
    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.go.shop.test", "smo1-verify=not-this-one"),
            Entry.cname("go.shop.test", TARGET)));
    JsonNode wrong = verify();
    assertThat(wrong.get("status").asText()).isEqualTo("pending");
    assertThat(wrong.get("problem").asText()).contains("holds no value matching");
    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.go.shop.test", token),
            Entry.cname("go.shop.test", TARGET)));
    JsonNode verified = verify();
    assertThat(verified.get("status").asText()).as(verified.toString()).isEqualTo("verified");

    var created = createOn("go.shop.test", "promo");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("shortUrl").asText())
        .isEqualTo("http://go.shop.test/promo");
    assertThat(createOn("elsewhere.test", "promo").statusCode()).isEqualTo(422);
    // managed by code and ?domain=; the default domain has no such link
    var read = api.get("/api/v1/links/promo?domain=go.shop.test", TestNodes.OWNER_KEY);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).get("domain").asText()).isEqualTo("go.shop.test");
    assertThat(api.get("/api/v1/links/promo", TestNodes.OWNER_KEY).statusCode()).isEqualTo(404);
    long listed = System.nanoTime() + 10_000_000_000L;
    String list = "";
    while (!list.contains("\"promo\"") && System.nanoTime() < listed) {
      list = api.get("/api/v1/links?domain=go.shop.test", TestNodes.OWNER_KEY).body();
      Thread.sleep(100);
    }
    assertThat(list).contains("http://go.shop.test/promo");

    // each host its own codes
    assertThat(visit("go.shop.test", "/promo")).containsEntry("status", "302");
    assertThat(visit("go.shop.test", "/promo"))
        .containsEntry("location", "https://example.com/promo");
    assertThat(visit(TestNodes.SHORT_DOMAIN, "/promo")).containsEntry("status", "404");
    assertThat(visit("go.shop.test", "/plain")).containsEntry("status", "404");
    assertThat(visit(TestNodes.SHORT_DOMAIN, "/plain")).containsEntry("status", "302");
    // the edge names the domain when it asks the origin (its own request's host is the origin's)
    var throughEdge = api.send(api.request("/promo").header("X-SMO1-Domain", "go.shop.test").GET());
    assertThat(throughEdge.statusCode()).isEqualTo(302);
    // the edge: the domain's links from KV under its own name, the rest through the origin
    awaitEdge("go.shop.test", "/promo", "302");
    assertThat(atEdge("go.shop.test", "/promo")).containsEntry("x-smo1-source", "edge");
    assertThat(atEdge("go.shop.test", "/promo"))
        .containsEntry("location", "https://example.com/promo");
    assertThat(atEdge("go.shop.test", "/plain")).containsEntry("status", "404");
    awaitEdge(TestNodes.SHORT_DOMAIN, "/plain", "302");
    assertThat(atEdge(TestNodes.SHORT_DOMAIN, "/promo")).containsEntry("status", "404");
    // no pages, no API on a custom domain
    assertThat(visit("go.shop.test", "/api/v1/links")).containsEntry("status", "404");
    assertThat(visit("go.shop.test", "/")).containsEntry("status", "404");

    // where the domain's visitors go
    var settings =
        api.patch(
            DOMAINS + "/go.shop.test",
            TestNodes.OWNER_KEY,
            "{\"rootUrl\": \"https://shop.example/\", \"notFoundUrl\": \"https://shop.example/404\","
                + " \"expiredUrl\": \"https://shop.example/over\"}");
    assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
    assertThat(visit("go.shop.test", "/")).containsEntry("location", "https://shop.example/");
    assertThat(visit("go.shop.test", "/nothing"))
        .containsEntry("location", "https://shop.example/404");
    assertThat(visit("go.shop.test", "/nothing")).containsEntry("cache-control", "no-store");
    var once =
        api.post(
            "/api/v1/links",
            TestNodes.OWNER_KEY,
            "{\"domain\": \"go.shop.test\", \"alias\": \"once\", \"target\":"
                + " \"https://example.com/once\", \"maxVisits\": 1}");
    assertThat(once.statusCode()).as(once.body()).isEqualTo(201);
    assertThat(visit("go.shop.test", "/once"))
        .containsEntry("location", "https://example.com/once");
    assertThat(visit("go.shop.test", "/once"))
        .containsEntry("location", "https://shop.example/over");
    var disabled =
        api.post("/api/v1/links/promo/disable?domain=go.shop.test", TestNodes.OWNER_KEY, "");
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(visit("go.shop.test", "/promo"))
        .containsEntry("location", "https://shop.example/over");
    assertThat(
            api.post("/api/v1/links/promo/enable?domain=go.shop.test", TestNodes.OWNER_KEY, "")
                .statusCode())
        .isEqualTo(200);
    assertThat(atEdge("go.shop.test", "/")).containsEntry("location", "https://shop.example/");
    assertThat(atEdge("go.shop.test", "/nothing"))
        .containsEntry("location", "https://shop.example/404");
    // the default domain keeps SMO1's pages
    assertThat(visit(TestNodes.SHORT_DOMAIN, "/nothing")).containsEntry("status", "404");

    // the TXT record removed: the next check flags the domain; its links keep working meanwhile
    dns.set(List.of(Entry.a(TARGET, "127.0.0.1"), Entry.cname("go.shop.test", TARGET)));
    JsonNode flagged = verify();
    assertThat(flagged.get("status").asText()).isEqualTo("failing");
    assertThat(flagged.get("problem").asText()).contains("No TXT record");
    assertThat(visit("go.shop.test", "/promo")).containsEntry("status", "302");

    // removed: its links answer 410, and no other workspace may take the domain
    assertThat(api.delete(DOMAINS + "/go.shop.test", TestNodes.OWNER_KEY).statusCode())
        .isEqualTo(204);
    assertThat(visit("go.shop.test", "/promo")).containsEntry("status", "410");
    assertThat(visit("go.shop.test", "/once")).containsEntry("status", "410");
    // and at the edge once their KV records say disabled (the domain's links are disabled)
    awaitEdge("go.shop.test", "/promo", "410");
    var promo = api.get("/api/v1/links/promo?domain=go.shop.test", TestNodes.OWNER_KEY);
    assertThat(JSON.readTree(promo.body()).get("status").asText()).isEqualTo("disabled");
    // nor enabled again, while the workspace still sees them
    var enabled =
        api.post("/api/v1/links/promo/enable?domain=go.shop.test", TestNodes.OWNER_KEY, "");
    assertThat(enabled.statusCode()).isEqualTo(422);
    assertThat(api.get("/api/v1/links?domain=go.shop.test", TestNodes.OWNER_KEY).statusCode())
        .isEqualTo(200);
    assertThat(api.get(DOMAINS, TestNodes.OWNER_KEY).body()).doesNotContain("go.shop.test");
  }

  /** A GET to the local edge's Worker for {@code host}. */
  private static Map<String, String> atEdge(String host, String path) throws Exception {
    var worker = edge.worker();
    return get(new InetSocketAddress(worker.getHost(), worker.getPort()), host, path);
  }

  /** Waits (at most 20 s: KV follows the events) until the edge answers {@code status}. */
  private static void awaitEdge(String host, String path, String status) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!status.equals(atEdge(host, path).get("status")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(atEdge(host, path)).as(host + path).containsEntry("status", status);
  }

  private static JsonNode verify() throws Exception {
    var answer = api.post(DOMAINS + "/go.shop.test/verify", TestNodes.OWNER_KEY, "");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static java.net.http.HttpResponse<String> createOn(String domain, String alias) {
    return api.post(
        "/api/v1/links",
        TestNodes.OWNER_KEY,
        "{\"domain\": \""
            + domain
            + "\", \"alias\": \""
            + alias
            + "\", \"target\": \"https://example.com/"
            + alias
            + "\"}");
  }

  /**
   * A GET as a browser sends it to {@code host} (a raw request: the JDK's client will not set
   * {@code Host}); the status and the headers, names in lower case.
   */
  private static Map<String, String> visit(String host, String path) throws Exception {
    return get(node.httpAddress(), host, path);
  }

  private static Map<String, String> get(InetSocketAddress address, String host, String path)
      throws Exception {
    try (var socket = new Socket(address.getHostString(), address.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAccept: text/html\r\n"
                  + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101"
                  + " Firefox/128.0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      var reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> answer = new LinkedHashMap<>();
      answer.put("status", reader.readLine().split(" ")[1]);
      for (String line = reader.readLine();
          line != null && !line.isEmpty();
          line = reader.readLine()) {
        int colon = line.indexOf(':');
        answer.put(
            line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      return answer;
    }
  }
}
