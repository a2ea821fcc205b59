package dev.smo1.node.api;

import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.clicks.ClickHouseAccess;
import dev.smo1.clicks.testing.TestClickHouse;
import dev.smo1.http.json.Json;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.NodeWithClicks;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.node.testing.Visitors;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/exports/links} and {@code /exports/clicks} on a node with ClickHouse: every
 * link once, in CSV (which reads back cell for cell, formulas defused) and JSON, across pages of
 * the read model; every click of a link or of the workspace as ClickHouse's raw rows have them,
 * bots only when asked for.
 */
@ExtendWith(LogCapturingExtension.class)
class ExportIT {
  private static NodeWithClicks stack;
  private static Node node;
  private static ApiClient api;
  private static ClickHouseAccess clickHouse;

  @BeforeAll
  static void start() {
    stack = NodeWithClicks.start(TestPostgres.newDatabase(), Map.of());
    node = stack.node();
    api = stack.api();
    clickHouse = stack.clickHouse();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyLinkIsExportedOnceAsCsvThatReadsBackAndAsJson() throws Exception {
    String tag = "export-" + UUID.randomUUID().toString().substring(0, 8);
    var aliases = new ArrayList<String>();
    for (int batch = 0; batch < 3; batch++) {
      var links = new ArrayList<String>();
      for (int i = 0; i < (batch < 2 ? 100 : 30); i++) {
        String alias = tag + "-" + batch + "-" + i;
        aliases.add(alias);
        String title =
            alias.endsWith("-0-0")
                ? "=HYPERLINK(\\\"https://evil.example\\\")"
                : alias.endsWith("-0-1") ? "Spring, \\\"quoted\\\"" : "Link " + i;
        links.add(
            "{\"target\":\"https://example.com/"
                + alias
                + "\",\"alias\":\""
                + alias
                + "\",\"title\":\""
                + title
                + "\",\"tags\":[\""
                + tag
                + "\",\"second\"]}");
      }
      var created =
          api.post(
              "/api/v1/links/bulk", OWNER_KEY, "{\"links\":[" + String.join(",", links) + "]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      assertThat(created.body()).doesNotContain("\"ok\":false");
    }
    // the export reads the read model, as the list does
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(30),
            Duration.ofMillis(200),
            () -> {
              assertThat(rows(export("/api/v1/exports/links?tag=" + tag))).hasSize(231);
              return null;
            });

    var csv = export("/api/v1/exports/links?tag=" + tag);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("attachment; filename=\"links-"));
    List<List<String>> rows = rows(csv);
    assertThat(rows.get(0))
        .containsExactly(
            "target",
            "alias",
            "title",
            "tags",
            "expiresAt",
            "domain",
            "shortUrl",
            "status",
            "redirectType",
            "visits",
            "createdAt",
            "updatedAt");
    Set<String> exported = new HashSet<>();
    Map<String, List<String>> byAlias = new HashMap<>();
    for (var row : rows.subList(1, rows.size())) {
      assertThat(exported.add(row.get(1))).as("exported once: " + row.get(1)).isTrue();
      byAlias.put(row.get(1), row);
    }
    assertThat(exported).containsExactlyInAnyOrderElementsOf(aliases);
    var formula = byAlias.get(tag + "-0-0");
    assertThat(formula.get(2)).isEqualTo("'=HYPERLINK(\"https://evil.example\")");
    assertThat(byAlias.get(tag + "-0-1").get(2)).isEqualTo("Spring, \"quoted\"");
    assertThat(byAlias.get(tag + "-1-5"))
        .startsWith(
            "https://example.com/" + tag + "-1-5", tag + "-1-5", "Link 5", tag + "|second", "");
    assertThat(byAlias.get(tag + "-1-5").get(7)).isEqualTo("active");

    var json = export("/api/v1/exports/links?format=json&tag=" + tag);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode array = Json.MAPPER.readTree(json.body());
    assertThat(array.size()).isEqualTo(230);
    var codes = new HashSet<String>();
    array.forEach(link -> codes.add(link.get("code").asText()));
    assertThat(codes).containsExactlyInAnyOrderElementsOf(aliases);

    var none = export("/api/v1/exports/links?format=json&tag=no-such-tag-" + tag);
    assertThat(none.body()).isEqualTo("[]");
    assertThat(api.get("/api/v1/exports/links?format=xml", OWNER_KEY).statusCode()).isEqualTo(400);
    assertThat(api.get("/api/v1/exports/links?limit=5", OWNER_KEY).statusCode()).isEqualTo(400);
  }

  @Test
  void clicksAreExportedAsClickHousesRawRowsHaveThem() throws Exception {
    String prefix = "clk-" + UUID.randomUUID().toString().substring(0, 6);
    var created =
        api.post(
            "/api/v1/links/bulk",
            OWNER_KEY,
            "{\"links\":[{\"target\":\"https://example.com/a\",\"alias\":\""
                + prefix
                + "-a\"},{\"target\":\"https://example.com/b\",\"alias\":\""
                + prefix
                + "-b\"}]}");
    assertThat(created.statusCode()).isEqualTo(200);
    Instant from = Instant.now().minusSeconds(3600);
    for (int i = 0; i < 5; i++) {
      Visitors.visit(api, prefix + "-a?utm_source=%3Dcmd", Visitors.CHROME, "203.0.113." + i);
    }
    for (int i = 0; i < 3; i++) {
      Visitors.visit(api, prefix + "-b", Visitors.CHROME, "203.0.113." + (10 + i));
    }
    Visitors.visit(api, prefix + "-a", Visitors.GOOGLEBOT, "66.249.66.1");
    TestProbe.create(node.system())
        .awaitAssert(
            Duration.ofSeconds(30),
            Duration.ofMillis(250),
            () -> {
              assertThat(raw("code LIKE '" + prefix + "-%'")).isEqualTo(9);
              return null;
            });
    String range = "from=" + from + "&to=" + Instant.now().plusSeconds(3600);

    var link = export("/api/v1/exports/clicks?code=" + prefix + "-a&" + range);
    assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
    var rows = rows(link);
    assertThat(rows.get(0))
        .containsExactly(
            "time",
            "domain",
            "code",
            "source",
            "trigger",
            "country",
            "referrer_host",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_term",
            "utm_content",
            "device",
            "browser",
            "os",
            "is_bot");
    assertThat(rows).hasSize(1 + 5);
    for (var row : rows.subList(1, rows.size())) {
      assertThat(row.get(2)).isEqualTo(prefix + "-a");
      assertThat(row.get(7)).as("a formula from a visitor's query, defused").isEqualTo("'=cmd");
      assertThat(row.get(15)).isEqualTo("0");
    }
    var withBots =
        rows(export("/api/v1/exports/clicks?bots=include&code=" + prefix + "-a&" + range));
    assertThat(withBots).hasSize(1 + 6);

    var workspace = rows(export("/api/v1/exports/clicks?" + range));
    long mine = workspace.stream().skip(1).filter(row -> row.get(2).startsWith(prefix)).count();
    assertThat(mine).isEqualTo(8);
    assertThat(workspace.size() - 1L).isEqualTo(raw("is_bot = 0 AND ts >= now() - 7200"));

    assertThat(
            api.get("/api/v1/exports/clicks?code=no-such-" + prefix + "&" + range, OWNER_KEY)
                .statusCode())
        .isEqualTo(404);
  }

  private static HttpResponse<String> export(String path) {
    var answer = api.get(path, OWNER_KEY);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  private static long raw(String condition) {
    return TestClickHouse.count(
        clickHouse,
        "SELECT count() FROM clicks WHERE owner = '" + TestNodes.OWNER + "' AND " + condition);
  }

  /** RFC 4180 CSV read back: quoted cells with doubled quotes, CRLF or LF rows. */
  static List<List<String>> rows(HttpResponse<String> response) {
    String text = response.body();
    var rows = new ArrayList<List<String>>();
    var row = new ArrayList<String>();
    var cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
