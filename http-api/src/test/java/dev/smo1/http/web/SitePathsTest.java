package dev.smo1.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.link.ShortCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No short code is shadowed by a page: every top-level segment the node serves as a page is a
 * reserved word, and a built landing site has no top-level page the list does not declare.
 */
class SitePathsTest {
  /** The repository's web directory, as {@code ./smo1 run} builds it (the module is the cwd). */
  private static final Path LANDING = Path.of("..", "web", "landing", "out");

  @Test
  void everyDeclaredPageSegmentIsAReservedWord() {
    assertThat(SitePaths.TOP_LEVEL)
        .allSatisfy(segment -> assertThat(ShortCodes.isReserved(segment)).as(segment).isTrue());
  }

  @Test
  void theApisFirstSegmentsAreReservedWordsAndNeverPages() {
    assertThat(SitePaths.NEVER_PAGES).allMatch(ShortCodes::isReserved).noneMatch(SitePaths::isPage);
  }

  @Test
  void aBuiltLandingSiteHasNoTopLevelPageThatCouldBeALinksCode() {
    Assumptions.assumeTrue(
        Files.isDirectory(LANDING), "the landing site is not built at " + LANDING.toAbsolutePath());

    assertThat(SitePaths.undeclared(LANDING))
        .as(
            "top-level names of %s that are not in SitePaths.TOP_LEVEL: the node would answer"
                + " them as redirects; declare them there and reserve them in ShortCodes",
            LANDING.toAbsolutePath())
        .isEmpty();
  }

  @Test
  void aTopLevelDirectoryOfAnExportThatIsNotDeclaredIsFound(@TempDir Path export) throws Exception {
    for (String directory : new String[] {"pricing", "careers", "_next", "_not-found", "404"}) {
      Files.createDirectories(export.resolve(directory));
    }
    for (String file :
        new String[] {"index.html", "index.txt", "404.html", "__next._tree.txt", "robots.txt"}) {
      Files.writeString(export.resolve(file), "");
    }

    assertThat(SitePaths.undeclared(export)).containsExactly("careers");
    assertThat(SitePaths.undeclared(export.resolve("missing"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "app",
        "docs",
        "pricing",
        "Pricing",
        "_next",
        "404",
        "robots.txt",
        "index.txt",
        "x.y"
      })
  void declaredSegmentsAndNamesWithADotArePages(String segment) {
    assertThat(SitePaths.isPage(segment)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"abc1234", "guide", "api", "internal", "healthz", "careers"})
  void everyOtherOneSegmentPathIsARedirect(String segment) {
    assertThat(SitePaths.isPage(segment)).isFalse();
  }
}
