package dev.smo1.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The route table's own rules: templates, their matching, operation ids. */
class EndpointTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/abc123, /{code}",
    "/my-launch_2026, /{code}",
    "/healthz, /healthz",
    "/readyz, /readyz",
    "/internal/clicks, /internal/clicks",
    "/api/v1/openapi.json, /api/v1/openapi.json",
    "/api/v1/links, /api/v1/links",
    "/api/v1/links/abc123, /api/v1/links/{code}",
    "/api/v1/links/abc123/analytics, /api/v1/links/{code}/analytics",
    "/api/v1/links/abc123/qr, /api/v1/links/{code}/qr",
    "/api/v1/links/abc123/disable, /api/v1/links/{code}/disable",
    "/api/v1/links/abc123/enable, /api/v1/links/{code}/enable",
    "/api/v1/analytics, /api/v1/analytics",
    "/api/v1/admin/rebuild, /api/v1/admin/rebuild",
    "/api/v1/auth/verify-email/resend, /api/v1/auth/verify-email/resend",
    "/api/v1/me, /api/v1/me",
    "/api/v1/workspaces/acme, /api/v1/workspaces/{slug}",
    "/api/v1/workspaces/acme/members/6a0c, /api/v1/workspaces/{slug}/members/{userId}",
    "/api/v1/workspaces/acme/api-keys/6a0c, /api/v1/workspaces/{slug}/api-keys/{keyId}",
    // a literal segment wins over a parameter where they first differ
    "/api/v1/links/analytics, /api/v1/links/{code}",
    // everything else, however many distinct paths clients send, is one series
    "/, other",
    "/api/v1/links/, other",
    "/api/v1/links/abc123/unknown, other",
    "/api/v1/links//analytics, other",
    "/api/v2/links, other",
    "/wp-admin/setup.php, other",
    "/abc123/, other",
  })
  void mapsPathsToTheTemplateOfTheirEntry(String path, String template) {
    assertThat(Endpoint.templateOf(path)).isEqualTo(template);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /docs, FOLLOW_LINK",
    "HEAD, /docs, FOLLOW_LINK_HEAD",
    "POST, /docs, UNLOCK_LINK",
    "GET, /healthz, GET_LIVENESS",
    "POST, /api/v1/links/docs/disable, DISABLE_LINK",
    "GET, /api/v1/links/docs/qr, GET_LINK_QR_CODE",
    "PATCH, /api/v1/workspaces/acme/members/6a0c, CHANGE_MEMBER_ROLE",
    "DELETE, /api/v1/me, DELETE_ACCOUNT",
  })
  void matchesARequestToItsEntryByMethodAndPath(String method, String path, Endpoint endpoint) {
    assertThat(Endpoint.match(method, path)).contains(endpoint);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"PUT, /api/v1/links", "POST, /docs/x", "HEAD, /healthz", "GET, /api/v1/links/"})
  void matchesNoEntryForAMethodOrPathTheTableDoesNotServe(String method, String path) {
    assertThat(Endpoint.match(method, path)).isEmpty();
  }

  @Test
  void everyMethodAndTemplateIsOneEntry() {
    var byRoute =
        Arrays.stream(Endpoint.values())
            .collect(Collectors.groupingBy(Endpoint::toString, Collectors.counting()));
    assertThat(byRoute).allSatisfy((route, count) -> assertThat(count).as(route).isEqualTo(1));
  }

  @Test
  void operationIdsAreTheNamesInCamelCase() {
    assertThat(Endpoint.GET_OPEN_API.operationId()).isEqualTo("getOpenApi");
    assertThat(Endpoint.FOLLOW_LINK_HEAD.operationId()).isEqualTo("followLinkHead");
    assertThat(Endpoint.SIGN_UP.operationId()).isEqualTo("signUp");
    assertThat(Endpoint.GET_LINK_QR_CODE.operationId()).isEqualTo("getLinkQrCode");
  }
}
