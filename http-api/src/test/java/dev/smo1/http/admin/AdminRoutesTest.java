package dev.smo1.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.http.json.Json;
import dev.smo1.http.testing.RouteTestServer;
import dev.smo1.http.testing.TestAccess;
import dev.smo1.projection.readmodel.TargetCheck;
import dev.smo1.projection.rebuild.Rebuild;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin routes with a fake rebuild and target check: only platform admins start them, and their
 * lines stream.
 */
class AdminRoutesTest {
  private static final AtomicInteger runs = new AtomicInteger();
  private static final AtomicInteger checks = new AtomicInteger();
  private static RouteTestServer server;

  /** A rebuild that reports three lines of progress. */
  private static final Rebuild REBUILD =
      () -> {
        runs.incrementAndGet();
        return Source.<String>from(java.util.List.of("paused\n", "replayed 10/10\n", "done\n"))
            .mapMaterializedValue(ignored -> NotUsed.getInstance());
      };

  /** A check that finds one refused target. */
  private static final TargetCheck CHECK =
      () -> {
        checks.incrementAndGet();
        return Source.<String>from(
                java.util.List.of(
                    "s.test/old\tinvalid_target\t502\tbad escape\thttps://e.com/%zz\n",
                    "checked 2 links\n"))
            .mapMaterializedValue(ignored -> NotUsed.getInstance());
      };

  @BeforeAll
  static void start() {
    var routes = new AdminRoutes(REBUILD, CHECK);
    // the caller comes from the API key or session in production; here from the first path
    // segment: "root" is a platform admin, anyone else is not
    server =
        new RouteTestServer(
            "admin-routes-test",
            () ->
                org.apache.pekko.http.javadsl.server.Directives.pathPrefix(
                    org.apache.pekko.http.javadsl.server.PathMatchers.segment(),
                    segment -> routes.routes(TestAccess.caller(segment, segment.equals("root")))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    runs.set(0);
    checks.set(0);
  }

  @Test
  void aPlatformAdminStartsTheRebuildAndReadsItsProgress() throws Exception {
    var response = server.send("POST", "/root/admin/rebuild", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
    assertThat(response.body()).isEqualTo("paused\nreplayed 10/10\ndone\n");
    assertThat(runs).hasValue(1);
  }

  @Test
  void anyoneElseIsForbiddenAndNothingRuns() throws Exception {
    var response = server.send("POST", "/alice/admin/rebuild", "");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo("forbidden");
    assertThat(runs).hasValue(0);
  }

  @Test
  void aPlatformAdminListsTheRefusedTargets() throws Exception {
    var response = server.send("GET", "/root/admin/refused-targets", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
    assertThat(response.body())
        .isEqualTo(
            "s.test/old\tinvalid_target\t502\tbad escape\thttps://e.com/%zz\nchecked 2 links\n");
    assertThat(checks).hasValue(1);
  }

  @Test
  void anyoneElseIsForbiddenTheRefusedTargets() throws Exception {
    var response = server.send("GET", "/alice/admin/refused-targets", null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(checks).hasValue(0);
  }

  @Test
  void onlyPostStartsIt() throws Exception {
    assertThat(server.send("GET", "/root/admin/rebuild", null).statusCode()).isEqualTo(405);
    assertThat(runs).hasValue(0);
  }
}
