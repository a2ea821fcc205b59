package dev.smo1.http.testing.contract;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.Json;
import dev.smo1.http.testing.RouteTestServer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The contract check finds answers that break the contract, and fails the test that caused them:
 * each case here is a deliberate mismatch.
 */
class ContractCheckTest {
  private static final OpenApiContract contract = OpenApiContract.get();

  private static final String LINK =
      """
      {"code":"docs","domain":"sho.rt","shortUrl":"https://sho.rt/docs",
       "target":"https://example.com/docs","redirectType":302,"expiresAt":null,"title":null,
       "tags":["ref"],"forwardQuery":false,"rules":[],"variants":[],"variantsUntil":null,"utm":null,"expiredUrl":null,
       "preview":null,"maxVisits":null,"visits":0,"passwordProtected":false,"status":"active",
       "createdAt":"2026-11-01T10:00:00Z","updatedAt":"2026-11-01T10:00:00.123456Z"}
      """;

  @AfterEach
  void forgetTheViolationsCausedOnPurpose() {
    ContractCheck.drain();
  }

  @Test
  void anAnswerAsDocumentedBreaksNothing() {
    assertThat(violations(Endpoint.GET_LINK, json(200, LINK))).isEmpty();
  }

  @Test
  void aBodyOffItsSchemaIsFoundWithTheOperationStatusAndSchemaError() {
    String withoutStatus = LINK.replace("\"status\":\"active\",", "");
    String withAWrongType = LINK.replace("\"redirectType\":302", "\"redirectType\":\"302\"");

    assertThat(violations(Endpoint.GET_LINK, json(200, withoutStatus)))
        .singleElement()
        .asString()
        .startsWith("getLink (GET /api/v1/links/{code}) answered 200 with a body off its schema")
        .contains("status");
    assertThat(violations(Endpoint.GET_LINK, json(200, withAWrongType)))
        .anySatisfy(violation -> assertThat(violation).contains("redirectType"));
  }

  @Test
  void aFieldTheContractDoesNotKnowIsFound() {
    String withAnExtraField =
        LINK.replace("\"code\":\"docs\",", "\"code\":\"docs\",\"owner\":\"a\",");

    assertThat(violations(Endpoint.GET_LINK, json(200, withAnExtraField)))
        .singleElement()
        .asString()
        .contains("owner");
  }

  @Test
  void anUndocumentedStatusIsFound() {
    assertThat(violations(Endpoint.GET_LIVENESS, json(404, error("not_found"))))
        .containsExactly(
            "getLiveness (GET /healthz) answered 404, which it does not document: [200, 500]");
  }

  @Test
  void anErrorCodeOutsideItsStatusIsFound() {
    assertThat(violations(Endpoint.GET_LINK, json(401, error("not_found"), "www-authenticate")))
        .singleElement()
        .asString()
        .contains("answered 401 with a body off its schema")
        .contains("code");
  }

  @Test
  void aMissingRequiredHeaderIsFound() {
    assertThat(violations(Endpoint.CREATE_LINK, json(201, LINK)))
        .containsExactly("createLink (POST /api/v1/links) answered 201 without header Location");
  }

  @Test
  void anUndocumentedMediaTypeIsFound() {
    var xml =
        new OpenApiContract.Answer(
            302,
            Optional.of("application/xml"),
            Set.of("location", "cache-control"),
            Optional.of("<redirect/>"));

    assertThat(violations(Endpoint.FOLLOW_LINK, xml))
        .singleElement()
        .asString()
        .contains("answered 302 with application/xml, documented: [text/html, application/json]");
  }

  @Test
  void overAServerTheCheckRecordsWhatARouteBreaks() throws Exception {
    try (var server = new RouteTestServer("contract-check-test", ContractCheckTest::wrongRoutes)) {
      assertThat(server.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
      assertThat(server.send("GET", "/untagged", null).statusCode()).isEqualTo(200);
      assertThat(server.send("GET", "/no/such/route", null).statusCode()).isEqualTo(404);

      assertThat(ContractCheck.drain())
          .hasSize(2)
          .anySatisfy(
              violation ->
                  assertThat(violation)
                      .startsWith(
                          "getLiveness (GET /healthz) answered 200 with a body off its schema"))
          .anySatisfy(
              violation ->
                  assertThat(violation)
                      .isEqualTo(
                          "GET /untagged answered 200 from a route that is not in the route table"
                              + " (Endpoint)"));
    }
  }

  @Test
  void aTestWhoseAnswerBreaksTheContractFails() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(ATestOfABrokenRoute.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("callsIt"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text ->
                            text.startsWith("API answers broke contract/openapi.yaml:")
                                && text.contains("getLiveness (GET /healthz) answered 200")))));
  }

  /** Run by {@link #aTestWhoseAnswerBreaksTheContractFails} only; it passes but for the check. */
  static class ATestOfABrokenRoute {
    @Test
    void callsIt() throws Exception {
      try (var server = new RouteTestServer("broken-route", ContractCheckTest::wrongRoutes)) {
        assertThat(server.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
      }
    }
  }

  private static Route wrongRoutes() {
    return concat(
        path(
            "healthz",
            () ->
                endpoint(
                    Endpoint.GET_LIVENESS,
                    () -> complete(Json.response(StatusCodes.OK, Map.of("status", "asleep"))))),
        path("untagged", () -> complete(Json.response(StatusCodes.OK, Map.of("ok", true)))));
  }

  private static java.util.List<String> violations(
      Endpoint endpoint, OpenApiContract.Answer answer) {
    return contract.violations(contract.operation(endpoint).orElseThrow(), answer, false);
  }

  private static OpenApiContract.Answer json(int status, String body, String... headers) {
    return new OpenApiContract.Answer(
        status, Optional.of("application/json"), Set.of(headers), Optional.of(body));
  }

  private static String error(String code) {
    return "{\"code\":\"" + code + "\",\"message\":\"m\",\"field\":null}";
  }
}
