package dev.smo1.http.link;

import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.json.Json;
import dev.smo1.http.testing.RouteTestServer;
import dev.smo1.http.testing.TestAccess;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkDraft;
import dev.smo1.link.LinkPatch;
import dev.smo1.link.LinkReply;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.LinkView;
import dev.smo1.link.Links;
import dev.smo1.link.RedirectType;
import dev.smo1.link.Resolution;
import dev.smo1.link.RetryableCreate;
import dev.smo1.projection.readmodel.LinkListing;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The link routes over a real server on a free port, with fakes behind them: what each request asks
 * of the links (parsed body, owner, code), how every reply becomes HTTP, and that bad list
 * parameters answer 400 naming the parameter without listing anything.
 */
class LinkRoutesTest {
  private static final String OWNER = "owner-1";
  private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
  private static final HttpSettings SETTINGS =
      new HttpSettings(
          "127.0.0.1",
          0,
          URI.create("https://sho.rt"),
          Duration.ofSeconds(30),
          Duration.ofHours(1));

  private static RouteTestServer server;
  private static final FakeLinks links = new FakeLinks();
  private static final FakeListing listing = new FakeListing();

  /** Links of one owner in memory; records every call; answers a rejection when told. */
  static final class FakeLinks implements Links {
    final Map<String, LinkView> byCode = new ConcurrentHashMap<>();
    final List<Object> calls = new CopyOnWriteArrayList<>();
    volatile ErrorCode reject;

    @Override
    public String defaultDomain() {
      return "sho.rt";
    }

    @Override
    public CompletionStage<LinkReply> create(
        String owner, String alias, LinkDraft draft, RetryableCreate attempt) {
      calls.add(List.of(owner, alias == null ? "(generated)" : alias, draft));
      if (reject != null) {
        return reply(new LinkReply.Rejected(reject, "rejected as told", "alias"));
      }
      var view = view(alias == null ? "Gen1234" : alias, draft.target(), LinkStatus.ACTIVE);
      byCode.put(view.code(), view);
      return reply(new LinkReply.Ok(view));
    }

    @Override
    public CompletionStage<LinkReply> get(String requester, String code) {
      calls.add(List.of("get", requester, code));
      return found(requester, code, view -> view);
    }

    @Override
    public CompletionStage<LinkReply> update(String requester, String code, LinkPatch patch) {
      calls.add(List.of("update", requester, code, patch));
      return found(
          requester,
          code,
          view ->
              view(code, Optional.ofNullable(patch.target()).orElse(view.target()), view.status()));
    }

    @Override
    public CompletionStage<LinkReply> disable(String requester, String code) {
      return found(requester, code, view -> view(code, view.target(), LinkStatus.DISABLED));
    }

    @Override
    public CompletionStage<LinkReply> enable(String requester, String code) {
      return found(requester, code, view -> view(code, view.target(), LinkStatus.ACTIVE));
    }

    @Override
    public CompletionStage<LinkReply> delete(String requester, String code) {
      return found(requester, code, view -> view(code, view.target(), LinkStatus.DELETED));
    }

    @Override
    public CompletionStage<Resolution> resolve(String code) {
      throw new UnsupportedOperationException("the link routes never resolve");
    }

    @Override
    public CompletionStage<Resolution> visit(String code) {
      throw new UnsupportedOperationException("the link routes never visit");
    }

    private CompletionStage<LinkReply> found(
        String requester, String code, java.util.function.UnaryOperator<LinkView> change) {
      LinkView view = byCode.get(code);
      if (reject != null) {
        return reply(new LinkReply.Rejected(reject, "rejected as told", null));
      }
      if (view == null || !requester.equals(OWNER)) {
        return reply(
            new LinkReply.Rejected(ErrorCode.NOT_FOUND, "link '" + code + "' not found", null));
      }
      LinkView changed = change.apply(view);
      byCode.put(code, changed);
      return reply(new LinkReply.Ok(changed));
    }

    private static CompletionStage<LinkReply> reply(LinkReply reply) {
      return CompletableFuture.completedFuture(reply);
    }
  }

  /** Records what was listed; answers one page with a next cursor. */
  static final class FakeListing implements LinkListing {
    final List<List<Object>> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Page> list(
        String owner, String domain, Filter filter, Optional<Cursor> after, int limit) {
      calls.add(List.of(owner, domain, filter, after, limit));
      return CompletableFuture.completedFuture(
          new Page(
              List.of(view("listed1", "https://example.com/1", LinkStatus.ACTIVE)),
              Optional.of(new Cursor(AT, "listed1").encode())));
    }
  }

  static LinkView view(String code, String target, LinkStatus status) {
    return new LinkView(
        "sho.rt",
        code,
        OWNER,
        target,
        RedirectType.FOUND,
        null,
        "title",
        List.of("a"),
        false,
        dev.smo1.link.rules.Routing.NONE,
        status,
        AT,
        AT);
  }

  @BeforeAll
  static void start() {
    var routes = new LinkRoutes(links, listing, SETTINGS, TestPasswords.fast());
    server =
        new RouteTestServer(
            "link-routes-test",
            () ->
                pathPrefix(
                    "api", () -> pathPrefix("v1", () -> routes.routes(TestAccess.key(OWNER)))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    links.byCode.clear();
    links.calls.clear();
    links.reject = null;
    listing.calls.clear();
  }

  @Test
  void createPassesTheParsedDraftAndAnswers201WithLocationAndBody() throws Exception {
    var response =
        send(
            "POST",
            "/links",
            """
            {"target":"https://example.com/a","alias":"docs","redirectType":301,
             "expiresAt":"2031-01-01T00:00:00+01:00","title":"T","tags":["x"],"forwardQuery":true}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/links/docs");
    assertThat(links.calls)
        .containsExactly(
            List.of(
                OWNER,
                "docs",
                new LinkDraft(
                    "https://example.com/a",
                    301,
                    Instant.parse("2030-12-31T23:00:00Z"),
                    "T",
                    List.of("x"),
                    true)));
    JsonNode body = json(response);
    assertThat(body.get("code").asText()).isEqualTo("docs");
    assertThat(body.get("shortUrl").asText()).isEqualTo("https://sho.rt/docs");
    assertThat(body.get("status").asText()).isEqualTo("active");
    assertThat(body.has("owner")).isFalse();
  }

  @Test
  void aPasswordIsHashedBeforeTheLinkSeesItAndNeverAnswered() throws Exception {
    var created =
        send(
            "POST",
            "/links",
            "{\"target\":\"https://example.com/a\",\"alias\":\"pw\",\"password\":\"open sesame\"}");
    var changed = send("PATCH", "/links/pw", "{\"password\":\"new secret\"}");
    var removed = send("PATCH", "/links/pw", "{\"password\":null}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var draft = (LinkDraft) ((List<?>) links.calls.get(0)).get(2);
    String hash = draft.options().password().hash();
    assertThat(hash).startsWith("$argon2id$").doesNotContain("open sesame");
    assertThat(TestPasswords.fast().verify("open sesame", hash).toCompletableFuture().get())
        .isTrue();
    assertThat(draft.options().password().since()).as("the entity sets it").isNull();
    assertThat(created.body()).doesNotContain("argon2").doesNotContain("open sesame");
    assertThat(changed.statusCode()).isEqualTo(200);
    var patch = (LinkPatch) ((List<?>) links.calls.get(1)).get(3);
    assertThat(patch.options().set().password().hash()).startsWith("$argon2id$");
    var clearing = (LinkPatch) ((List<?>) links.calls.get(2)).get(3);
    assertThat(clearing.options().cleared()).containsExactly("password");
    assertThat(removed.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({
    "'\"short\"',422,invalid_password",
    "'12',400,invalid_type",
    "'\"tab\\tinside\"',422,invalid_password"
  })
  void aPasswordTheApiRefusesReachesNoLink(String password, int status, String code)
      throws Exception {
    var response =
        send(
            "POST",
            "/links",
            "{\"target\":\"https://example.com/a\",\"password\":" + password + "}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).get("code").asText()).isEqualTo(code);
    assertThat(json(response).get("field").asText()).isEqualTo("password");
    assertThat(links.calls).isEmpty();
  }

  @Test
  void createReadsRulesAndVariantsInTheApisShapeIntoTheDraft() throws Exception {
    var response =
        send(
            "POST",
            "/links",
            """
            {"target":"https://example.com/a","alias":"ab",
             "rules":[{"when":{"country":["DE"],"query":{"ref":"x","promo":null},
                                "from":"2030-01-01T00:00:00+01:00"},
                       "target":"https://example.com/de"}],
             "variants":[{"target":"https://example.com/1","weight":1},
                         {"target":"https://example.com/2","weight":3}],
             "variantsUntil":"2031-01-01T00:00:00Z"}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    var draft = (LinkDraft) ((List<?>) links.calls.getFirst()).get(2);
    var routing = draft.routing();
    assertThat(routing.rules().getFirst().when().countries()).containsExactly("DE");
    assertThat(routing.rules().getFirst().when().query())
        .containsExactly(
            new dev.smo1.link.rules.Conditions.QueryCondition("ref", "x"),
            new dev.smo1.link.rules.Conditions.QueryCondition("promo", null));
    assertThat(routing.rules().getFirst().when().from())
        .isEqualTo(Instant.parse("2029-12-31T23:00:00Z"));
    assertThat(routing.variants())
        .extracting(dev.smo1.link.rules.Routing.Variant::weight)
        .containsExactly(1, 3);
    assertThat(routing.variantsUntil()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "{\"target\":\"https://e.com/\",\"rules\":[{\"when\":{\"colour\":[\"red\"]},\"target\":\"https://e.com/r\"}]}"
            + "|400|unknown_field|rules[0].when.colour",
        "{\"target\":\"https://e.com/\",\"rules\":{\"when\":{}}}|400|invalid_type|rules",
        "{\"target\":\"https://e.com/\",\"variants\":[{\"target\":\"https://e.com/1\",\"weight\":\"1\"}]}"
            + "|400|invalid_type|variants[0].weight",
        "{\"target\":\"https://e.com/\",\"rules\":[{\"when\":{\"from\":\"tomorrow\"},\"target\":\"https://e.com/r\"}]}"
            + "|422|invalid_rules|rules[0].when.from",
        "{\"target\":\"https://e.com/\",\"variantsUntil\":\"soon\"}|422|invalid_variants|variantsUntil"
      })
  void aMalformedRoutingIsRefusedNamingItsFieldAndNothingIsCreated(
      String body, int status, String code, String field) throws Exception {
    var response = send("POST", "/links", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).get("code").asText()).isEqualTo(code);
    assertThat(json(response).get("field").asText()).isEqualTo(field);
    assertThat(links.calls).isEmpty();
  }

  @Test
  void createWithoutAliasAsksForAGeneratedCode() throws Exception {
    var response = send("POST", "/links", "{\"target\":\"https://example.com/a\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(((List<?>) links.calls.getFirst()).get(1)).isEqualTo("(generated)");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/links/Gen1234");
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyRejectionAnswersItsStatusWithTheEntitysCodeAndField(ErrorCode code) throws Exception {
    links.reject = code;

    var response = send("POST", "/links", "{\"target\":\"https://example.com/a\",\"alias\":\"x\"}");

    int expected =
        switch (code) {
          case NOT_FOUND -> 404;
          case ALIAS_TAKEN -> 409;
          case LINK_BLOCKED -> 403;
          case SCREENING_UNAVAILABLE -> 503;
          default -> 422;
        };
    assertThat(response.statusCode()).isEqualTo(expected);
    JsonNode body = json(response);
    assertThat(body.get("code").asText()).isEqualTo(code.wireName());
    assertThat(body.get("message").asText()).isEqualTo("rejected as told");
    assertThat(body.get("field").asText()).isEqualTo("alias");
  }

  @Test
  void readChangeDisableEnableAndDeleteActOnTheCallersLink() throws Exception {
    links.byCode.put("docs", view("docs", "https://example.com/a", LinkStatus.ACTIVE));

    assertThat(json(send("GET", "/links/docs", null)).get("target").asText())
        .isEqualTo("https://example.com/a");
    var changed =
        send("PATCH", "/links/docs", "{\"target\":\"https://example.com/b\",\"title\":null}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(changed).get("target").asText()).isEqualTo("https://example.com/b");
    assertThat(links.calls)
        .contains(
            List.of(
                "update",
                OWNER,
                "docs",
                new LinkPatch("https://example.com/b", null, null, false, null, true, null)));
    assertThat(json(send("POST", "/links/docs/disable", "")).get("status").asText())
        .isEqualTo("disabled");
    assertThat(json(send("POST", "/links/docs/enable", "")).get("status").asText())
        .isEqualTo("active");
    var deleted = send("DELETE", "/links/docs", null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "GET,/links/nope",
    "PATCH,/links/nope",
    "DELETE,/links/nope",
    "POST,/links/nope/disable",
    "POST,/links/nope/enable"
  })
  void anUnknownLinkAnswers404NotFound(String method, String path) throws Exception {
    var response = send(method, path, method.equals("PATCH") ? "{\"title\":\"t\"}" : "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void listPassesFiltersCursorAndLimitAndAnswersAPage() throws Exception {
    String cursor = new LinkListing.Cursor(AT, "prev").encode();

    var response =
        send("GET", "/links?limit=5&tag=ref&status=disabled&q=doc&cursor=" + cursor, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(listing.calls)
        .containsExactly(
            List.of(
                OWNER,
                "sho.rt",
                new LinkListing.Filter("ref", LinkStatus.DISABLED, "doc"),
                Optional.of(new LinkListing.Cursor(AT, "prev")),
                5));
    JsonNode page = json(response);
    assertThat(page.get("items").get(0).get("shortUrl").asText())
        .isEqualTo("https://sho.rt/listed1");
    assertThat(page.get("nextCursor").asText())
        .isEqualTo(new LinkListing.Cursor(AT, "listed1").encode());
  }

  @Test
  void listWithoutParametersAsksForTwentyUnfiltered() throws Exception {
    assertThat(send("GET", "/links", null).statusCode()).isEqualTo(200);
    assertThat(listing.calls)
        .containsExactly(
            List.of(
                OWNER, "sho.rt", new LinkListing.Filter(null, null, null), Optional.empty(), 20));
  }

  @ParameterizedTest
  @CsvSource({
    "limit=0,limit",
    "limit=101,limit",
    "limit=ten,limit",
    "cursor=garbage,cursor",
    "status=archived,status",
    "sort=code,sort",
  })
  void aBadListParameterAnswers400NamingItAndListsNothing(String query, String field)
      throws Exception {
    var response = send("GET", "/links?" + query, null);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("code").asText()).isEqualTo("invalid_parameter");
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(listing.calls).isEmpty();
  }

  @Test
  void aTooLongSearchAnswers400() throws Exception {
    var response = send("GET", "/links?q=" + "a".repeat(201), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("q");
    assertThat(listing.calls).isEmpty();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return server.send(method, "/api/v1" + path, body, Map.of("Content-Type", "application/json"));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }
}
