package dev.smo1.http.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedirectRoutesTest {
  @Test
  void htmlIsEscapedSoATargetCannotInjectMarkup() {
    assertThat(RedirectRoutes.escape("https://e.com/?a=<b>&c=\"d\"'"))
        .isEqualTo("https://e.com/?a=&lt;b&gt;&amp;c=&quot;d&quot;&#39;");
  }

  @Test
  void jsonOnlyWhenAskedForAndHtmlIsNotAccepted() {
    assertThat(RedirectRoutes.wantsJson(Optional.of("application/json"))).isTrue();
    assertThat(RedirectRoutes.wantsJson(Optional.of("text/html,application/json;q=0.9"))).isFalse();
    assertThat(RedirectRoutes.wantsJson(Optional.of("*/*"))).isFalse();
    assertThat(RedirectRoutes.wantsJson(Optional.empty())).isFalse();
  }
}
