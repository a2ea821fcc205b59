package dev.smo1.node.api;

import static dev.smo1.node.testing.TestNodes.OTHER_OWNER_KEY;
import static dev.smo1.node.testing.TestNodes.OWNER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smo1.localstores.testing.TestPostgres;
import dev.smo1.node.Node;
import dev.smo1.node.testing.ApiClient;
import dev.smo1.node.testing.TestNodes;
import dev.smo1.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The link API and the origin redirect over a real server on a free port, against the real
 * PostgreSQL journal: every status code the API documents.
 */
@ExtendWith(LogCapturingExtension.class)
class LinkApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINKS = "/api/v1/links";

  private static final MutableClock clock = new MutableClock(Instant.parse("2030-03-01T10:00:00Z"));
  private static String databaseUrl;
  private static Node node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() {
    databaseUrl = TestPostgres.newDatabase();
    node = TestNodes.start(databaseUrl, clock);
    api = new ApiClient(node.httpAddress());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void createAnswers201WithLocationAndTheLinkBody() throws Exception {
    Instant now = clock.instant();
    var response =
        api.post(
            LINKS,
            OWNER_KEY,
            """
            {"target":"HTTPS://Docs.Example.COM/Guide?Page=1#Top","alias":"guide",
             "redirectType":301,"expiresAt":"2031-01-01T00:00:00+01:00",
             "title":"The guide","tags":["docs","docs","guides"]}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/links/guide");
    JsonNode link = JSON.readTree(response.body());
    assertThat(link.get("code").asText()).isEqualTo("guide");
    assertThat(link.get("domain").asText()).isEqualTo("s.test");
    assertThat(link.get("shortUrl").asText()).isEqualTo("http://s.test/guide");
    assertThat(link.get("target").asText()).isEqualTo("https://docs.example.com/Guide?Page=1#Top");
    assertThat(link.get("redirectType").asInt()).isEqualTo(301);
    assertThat(link.get("expiresAt").asText()).isEqualTo("2030-12-31T23:00:00Z");
    assertThat(link.get("title").asText()).isEqualTo("The guide");
    assertThat(link.get("tags")).hasSize(2);
    assertThat(link.get("status").asText()).isEqualTo("active");
    assertThat(link.get("createdAt").asText()).isEqualTo(now.toString());
    assertThat(link.get("updatedAt").asText()).isEqualTo(now.toString());
    assertThat(link.has("owner")).isFalse();
    assertThat(link.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "domain",
            "code",
            "target",
            "redirectType",
            "expiresAt",
            "title",
            "tags",
            "forwardQuery",
            "rules",
            "variants",
            "variantsUntil",
            "utm",
            "expiredUrl",
            "preview",
            "maxVisits",
            "visits",
            "passwordProtected",
            "status",
            "createdAt",
            "updatedAt",
            "shortUrl");
    assertThat(link.get("rules")).isEmpty();
    assertThat(link.get("variants")).isEmpty();
    assertThat(link.get("variantsUntil").isNull()).isTrue();
    assertThat(link.get("utm").isNull()).isTrue();
    assertThat(link.get("maxVisits").isNull()).isTrue();
    assertThat(link.get("visits").asLong()).isZero();
  }

  @Test
  void generatedCodesAreSevenBase62Characters() throws Exception {
    var response = api.post(LINKS, OWNER_KEY, "{\"target\":\"https://example.com/generated\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    String code = JSON.readTree(response.body()).get("code").asText();
    assertThat(code).matches("[0-9A-Za-z]{7}");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/links/" + code);
    assertThat(api.visit(code).headers().firstValue("Location"))
        .hasValue("https://example.com/generated");
  }

  @ParameterizedTest(name = "redirect type {0}")
  @CsvSource({
    "301, 'public, max-age=3600'",
    "302, no-store",
    "307, no-store",
    "308, 'public, max-age=3600'"
  })
  void redirectAnswersWithTheLinksRedirectTypeAndCachePolicy(int type, String cacheControl) {
    String alias = "type" + type;
    createLink(alias, "https://example.com/" + type, Map.of("redirectType", type));

    var response = api.visit(alias);

    assertThat(response.statusCode()).isEqualTo(type);
    assertThat(response.headers().firstValue("Location")).hasValue("https://example.com/" + type);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue(cacheControl);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(response.body()).contains("https://example.com/" + type);
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    createLink("headed", "https://example.com/head", Map.of());

    var response =
        api.send(api.request("/headed").method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("https://example.com/head");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void aLinkForwardsTheQueryStringOnlyWhenItAsksFor() throws Exception {
    createLink("fwdq", "https://example.com/p?ref=smo1#top", Map.of("forwardQuery", true));
    createLink("nofwdq", "https://example.com/p?ref=smo1", Map.of());

    assertThat(api.visit("fwdq?utm_source=mail&x=%20").headers().firstValue("Location"))
        .hasValue("https://example.com/p?ref=smo1&utm_source=mail&x=%20#top");
    assertThat(api.visit("fwdq").headers().firstValue("Location"))
        .hasValue("https://example.com/p?ref=smo1#top");
    assertThat(api.visit("nofwdq?utm_source=mail").headers().firstValue("Location"))
        .hasValue("https://example.com/p?ref=smo1");
    assertThat(JSON.readTree(api.get(LINKS + "/fwdq", OWNER_KEY).body()).get("forwardQuery"))
        .isEqualTo(JSON.getNodeFactory().booleanNode(true));

    var off = api.patch(LINKS + "/fwdq", OWNER_KEY, "{\"forwardQuery\":false}");

    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(JSON.readTree(off.body()).get("forwardQuery").asBoolean()).isFalse();
    assertThat(api.visit("fwdq?utm_source=mail").headers().firstValue("Location"))
        .hasValue("https://example.com/p?ref=smo1#top");
  }

  @Test
  void redirectBodiesAreJsonWhenTheClientAsksForJson() throws Exception {
    createLink("jsonly", "https://example.com/json", Map.of());

    var found = api.send(api.request("/jsonly").header("Accept", "application/json").GET());
    var missing = api.send(api.request("/nosuchcode").header("Accept", "application/json").GET());

    assertThat(found.statusCode()).isEqualTo(302);
    assertThat(JSON.readTree(found.body()).get("target").asText())
        .isEqualTo("https://example.com/json");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void redirectTargetsAreEscapedInTheHtmlBody() {
    // '<' and '"' are percent-encoded when the link is made; what HTML needs escaping stays
    createLink("escaped", "https://example.com/it's?q=<script>&a=\"b\"", Map.of());

    var response = api.visit("escaped");

    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://example.com/it's?q=%3Cscript%3E&a=%22b%22");
    assertThat(response.body())
        .doesNotContain("<script>")
        .doesNotContain("it's")
        .contains("href=\"https://example.com/it&#39;s?q=%3Cscript%3E&amp;a=%22b%22\"");
  }

  @Test
  void unknownCodesAnswer404WithoutCaching() {
    for (String code : new String[] {"nosuchlink", "x", "api"}) {
      var response = api.visit(code);
      assertThat(response.statusCode()).as(code).isEqualTo(404);
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void aNameWithADotIsNoCodeButTheLandingSitesWhichThisNodeHasNotBuilt() {
    var response = api.visit("has.dot");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).contains("The landing site is not built");
  }

  @Test
  void disabledLinksAnswer410UntilEnabledAgain() throws Exception {
    createLink("switch", "https://example.com/switch", Map.of());

    var disabled = api.post(LINKS + "/switch/disable", OWNER_KEY, "");
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(disabled.body()).get("status").asText()).isEqualTo("disabled");
    var gone = api.visit("switch");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.headers().firstValue("Cache-Control")).hasValue("no-store");

    var enabled = api.post(LINKS + "/switch/enable", OWNER_KEY, "");
    assertThat(JSON.readTree(enabled.body()).get("status").asText()).isEqualTo("active");
    assertThat(api.visit("switch").statusCode()).isEqualTo(302);
  }

  @Test
  void expiredLinksAnswer410AndShowAsExpired() throws Exception {
    createLink(
        "shortlived",
        "https://example.com/soon",
        Map.of("expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()));
    assertThat(api.visit("shortlived").statusCode()).isEqualTo(302);

    clock.advance(Duration.ofHours(2));

    var gone = api.send(api.request("/shortlived").header("Accept", "application/json").GET());
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(JSON.readTree(gone.body()).get("code").asText()).isEqualTo("link_expired");
    var link = api.get(LINKS + "/shortlived", OWNER_KEY);
    assertThat(JSON.readTree(link.body()).get("status").asText()).isEqualTo("expired");
  }

  @Test
  void deletedLinksAnswer410AndTheirCodeIsNeverReused() {
    createLink("doomed", "https://example.com/doomed", Map.of());

    assertThat(api.delete(LINKS + "/doomed", OWNER_KEY).statusCode()).isEqualTo(204);

    assertThat(api.visit("doomed").statusCode()).isEqualTo(410);
    assertThat(api.get(LINKS + "/doomed", OWNER_KEY).statusCode()).isEqualTo(404);
    assertThat(api.delete(LINKS + "/doomed", OWNER_KEY).statusCode()).isEqualTo(404);
    var recreate =
        api.post(LINKS, OWNER_KEY, "{\"target\":\"https://example.com/new\",\"alias\":\"doomed\"}");
    assertThat(recreate.statusCode()).isEqualTo(409);
  }

  @Test
  void aTakenAliasAnswers409AndKeepsTheFirstLink() {
    createLink("first", "https://example.com/first", Map.of());

    var second =
        api.post(
            LINKS,
            OTHER_OWNER_KEY,
            "{\"target\":\"https://example.com/second\",\"alias\":\"first\"}");

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(api.visit("first").headers().firstValue("Location"))
        .hasValue("https://example.com/first");
  }

  @Test
  void getAndPatchShowAndChangeTheLink() throws Exception {
    createLink(
        "editable", "https://example.com/v1", Map.of("title", "v1", "tags", new String[] {"a"}));

    var patched =
        api.patch(
            LINKS + "/editable",
            OWNER_KEY,
            "{\"target\":\"https://example.com/v2\",\"redirectType\":307,\"title\":null,\"tags\":[\"b\",\"c\"]}");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode link = JSON.readTree(api.get(LINKS + "/editable", OWNER_KEY).body());
    assertThat(link.get("target").asText()).isEqualTo("https://example.com/v2");
    assertThat(link.get("redirectType").asInt()).isEqualTo(307);
    assertThat(link.get("title").isNull()).isTrue();
    assertThat(link.get("tags").toString()).isEqualTo("[\"b\",\"c\"]");
    var redirect = api.visit("editable");
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location")).hasValue("https://example.com/v2");
  }

  @Test
  void anotherOwnersLinkLooksLikeItDoesNotExist() {
    createLink("private", "https://example.com/private", Map.of());
    String path = LINKS + "/private";

    assertThat(api.get(path, OTHER_OWNER_KEY).statusCode()).isEqualTo(404);
    assertThat(api.patch(path, OTHER_OWNER_KEY, "{\"title\":\"mine\"}").statusCode())
        .isEqualTo(404);
    assertThat(api.post(path + "/disable", OTHER_OWNER_KEY, "").statusCode()).isEqualTo(404);
    assertThat(api.post(path + "/enable", OTHER_OWNER_KEY, "").statusCode()).isEqualTo(404);
    assertThat(api.delete(path, OTHER_OWNER_KEY).statusCode()).isEqualTo(404);
    assertThat(api.get(path, OTHER_OWNER_KEY).body())
        .isEqualTo(
            api.get(LINKS + "/neverexisted", OTHER_OWNER_KEY)
                .body()
                .replace("neverexisted", "private"));
    assertThat(api.visit("private").statusCode()).isEqualTo(302);
    assertThat(api.get(path, OWNER_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void missingOrUnknownKeysAnswer401WithAChallenge() throws Exception {
    var missing = api.send(api.request(LINKS + "/guide").GET());
    var unknown = api.get(LINKS + "/guide", "smo1_notAKeyAtAll");
    var malformed =
        api.send(api.request(LINKS + "/guide").header("Authorization", "Basic Zm9vOmJhcg==").GET());

    for (HttpResponse<String> response : java.util.List.of(missing, unknown, malformed)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .get()
          .asString()
          .startsWith("Bearer realm=\"smo1\"");
      assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("unauthorized");
    }
    assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("invalid_token");
  }

  @Test
  void unknownApiPathsAnswer404AndWrongMethods405() throws Exception {
    var unknown = api.get("/api/v1/nothing-here", OWNER_KEY);
    var wrongMethod =
        api.send(api.authorized(LINKS, OWNER_KEY).PUT(HttpRequest.BodyPublishers.noBody()));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("not_found");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow").orElseThrow().split(", "))
        .containsExactlyInAnyOrder("GET", "POST");
    assertThat(JSON.readTree(wrongMethod.body()).get("code").asText())
        .isEqualTo("method_not_allowed");
  }

  @Test
  void healthAndReadinessAnswer200OnAJoinedNode() throws Exception {
    var health = api.send(api.request("/healthz").GET());
    var ready = api.send(api.request("/readyz").GET());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("ready");
  }

  @Test
  void readinessAnswers503WhileTheNodeIsNotAClusterMember() throws Exception {
    try (Node lonely = TestNodes.start(databaseUrl, clock, false, Map.of())) {
      var ready =
          new ApiClient(lonely.httpAddress())
              .send(new ApiClient(lonely.httpAddress()).request("/readyz").GET());

      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("cluster member is not Up");
    }
  }

  private static void createLink(String alias, String target, Map<String, Object> extra) {
    try {
      var body = new java.util.LinkedHashMap<String, Object>();
      body.put("target", target);
      body.put("alias", alias);
      body.putAll(extra);
      var response = api.post(LINKS, OWNER_KEY, JSON.writeValueAsString(body));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
