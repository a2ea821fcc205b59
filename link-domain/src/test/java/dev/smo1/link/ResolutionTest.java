package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a redirect sends a visitor: the stored target as {@link TargetUrls#location} sends it, the
 * visitor's query appended (when the link forwards it) as the URL standard serialises a query, so
 * the header is visible ASCII whatever the request or the stored target held.
 */
class ResolutionTest {

  private static Resolution.Redirect forwarding(String target) {
    return new Resolution.Redirect(target, RedirectType.FOUND, null, true);
  }

  @ParameterizedTest(name = "{0} + ?{1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          https://example.com/p         | utm_source=news&x=1     | https://example.com/p?utm_source=news&x=1
          https://example.com/p?a=1#top | b=2                     | https://example.com/p?a=1&b=2#top
          https://example.com/p?        | b=2                     | https://example.com/p?b=2
          https://example.com/p?a=1&    | b=2                     | https://example.com/p?a=1&b=2
          https://example.com/p         | q=straße&it's="x"<y>    | https://example.com/p?q=stra%C3%9Fe&it%27s=%22x%22%3Cy%3E
          https://example.com/p         | q=%C3%A4+b%2F^{}`[]     | https://example.com/p?q=%C3%A4+b%2F^{}`[]
          https://example.com/p         | bad=%zz                 | https://example.com/p?bad=%zz
          https://example.com/café#ü    | q=é                     | https://example.com/caf%C3%A9?q=%C3%A9#%C3%BC
          https://example.com/p         | ~~                      | https://example.com/p
          """)
  void appendsTheVisitorsQueryEncodedAsTheUrlStandardDoes(
      String target, String rawQuery, String location) {
    assertThat(forwarding(target).location(rawQuery)).hasValue(location);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://example.com/p, https://example.com/p",
    "https://example.com/caf\u00e9, https://example.com/caf%C3%A9"
  })
  void aLinkThatDoesNotForwardTheQueryIgnoresIt(String target, String location) {
    var redirect = new Resolution.Redirect(target, RedirectType.FOUND, null);

    assertThat(redirect.location("x=1")).hasValue(location);
    assertThat(redirect.location(null)).hasValue(location);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"https://example.com/%zz", "https://example.com/caf\u00e9/100%"})
  void aStoredTargetWithAnInvalidEscapeHasNoLocation(String target) {
    assertThat(forwarding(target).location("x=1")).isEmpty();
  }
}
