package dev.smo1.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code route} label is a template of the route, bounded whatever path a client sends. */
class RouteTemplatesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/abc123, /{code}",
    "/my-launch_2026, /{code}",
    "/healthz, /healthz",
    "/readyz, /readyz",
    "/internal/clicks, /internal/clicks",
    "/api/v1/links, /api/v1/links",
    "/api/v1/links/abc123, /api/v1/links/{code}",
    "/api/v1/links/abc123/analytics, /api/v1/links/{code}/analytics",
    "/api/v1/links/abc123/disable, /api/v1/links/{code}/disable",
    "/api/v1/links/abc123/enable, /api/v1/links/{code}/enable",
    "/api/v1/analytics, /api/v1/analytics",
    "/api/v1/admin/rebuild, /api/v1/admin/rebuild",
    // everything else, however many distinct paths clients send, is one series
    "/, other",
    "/api/v1/links/, other",
    "/api/v1/links/abc123/unknown, other",
    "/api/v1/links//analytics, other",
    "/api/v2/links, other",
    "/wp-admin/setup.php, other",
    "/abc123/, other",
  })
  void mapsPathsToTheirRouteTemplate(String path, String template) {
    assertThat(RouteTemplates.of(path)).isEqualTo(template);
  }
}
