package dev.smo1.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.http.testing.FakeWebApps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file lookup itself, below the routes: whatever segments reach it, it never names a file
 * outside its directory (the server resolves dot segments before routing, so only this test can
 * hand it some).
 */
class StaticSiteTest {
  @TempDir static Path directory;
  private static StaticSite landing;

  @BeforeAll
  static void build() {
    Path web = FakeWebApps.write(directory.resolve("web"));
    landing =
        new StaticSite(
            new StaticSite.Spec(
                "landing site",
                web.resolve("landing/out"),
                "/",
                StaticSite.Fallback.NOT_FOUND_PAGE,
                WebPages.CONTENT_SECURITY_POLICY),
            Runnable::run);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "..|secret.txt",
        "..|..|secret.txt",
        "blog|..|..|secret.txt",
        ".|index.html",
        "../secret.txt",
        "..\\\\secret.txt",
        ".hidden",
        "escape.txt",
        "nul\u0000.txt"
      })
  void segmentsThatCouldLeaveTheDirectoryAreRefused(String path) {
    var segments = List.of(path.split("\\|"));

    assertThat(landing.resolve(segments, false, AcceptedEncodings.NONE))
        .isInstanceOf(StaticSite.Answer.Refused.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"pricing|index.html", "robots.txt", "_next|static|chunks|chunk-abc123.js"})
  void filesInsideAreServed(String path) {
    assertThat(landing.resolve(List.of(path.split("\\|")), false, AcceptedEncodings.NONE))
        .isInstanceOf(StaticSite.Answer.Serve.class);
  }
}
