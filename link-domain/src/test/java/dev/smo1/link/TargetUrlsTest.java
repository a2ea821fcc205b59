package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TargetUrlsTest {

  private static final Set<String> SHORT_DOMAINS = Set.of("s.test", "go.test");

  private static final String REQUIRED = "target is required";
  private static final String TOO_LONG = "target is longer than 2048 characters";
  private static final String INVISIBLE = "target contains whitespace or control characters";
  private static final String NOT_ABSOLUTE = "target must be an absolute http or https URL";
  private static final String USER_INFO = "target must not contain user information";
  private static final String BAD_HOST = "target host is not valid";
  private static final String NOT_PUBLIC = "target host must be a public host name";
  private static final String BAD_PORT = "target port is not valid";
  private static final String LOOP =
      "target must not point at a short domain of this service (redirect loop)";

  private static String escape(String escape) {
    return "target contains '"
        + escape
        + "', which is no percent escape (write a '%' itself as %25)";
  }

  private static String scheme(String name) {
    return "target scheme '" + name + "' is not allowed; use http or https";
  }

  private static Arguments refused(String description, String raw, String message) {
    return refused(description, raw, ErrorCode.INVALID_TARGET, message);
  }

  private static Arguments refused(String description, String raw, ErrorCode code, String message) {
    return Arguments.of(description, raw, code, message);
  }

  static Stream<Arguments> refusedTargets() {
    String path2048 = "https://example.com/" + "a".repeat(2048 - "https://example.com/".length());
    return Stream.of(
        refused("null", null, REQUIRED),
        refused("empty", "", REQUIRED),
        refused("blank", "   ", REQUIRED),
        refused("javascript", "javascript:alert(document.cookie)", scheme("javascript")),
        refused(
            "javascript, mixed case", "JavaScript://example.com/%0Aalert(1)", scheme("javascript")),
        refused("data", "data:text/html;base64,PHNjcmlwdD4=", scheme("data")),
        refused("file", "file:///etc/passwd", scheme("file")),
        refused("ftp", "ftp://example.com/file", scheme("ftp")),
        refused("mailto", "mailto:someone@example.com", scheme("mailto")),
        refused("ws", "ws://example.com/socket", scheme("ws")),
        refused("relative path", "/relative/path", NOT_ABSOLUTE),
        refused("no scheme", "example.com/path", NOT_ABSOLUTE),
        refused("protocol-relative", "//example.com/path", NOT_ABSOLUTE),
        refused("scheme only", "https:", NOT_ABSOLUTE),
        refused("scheme without slashes", "https:example.com", NOT_ABSOLUTE),
        refused("scheme with one slash", "https:/example.com", NOT_ABSOLUTE),
        refused("backslashes for slashes", "https:\\\\example.com\\", NOT_ABSOLUTE),
        refused("missing host", "https://", NOT_PUBLIC),
        refused("missing host with path", "https:///path", NOT_PUBLIC),
        refused("missing host with port", "https://:443/", NOT_PUBLIC),
        refused("user and password", "https://user:pass@example.com/", USER_INFO),
        refused("user-info posing as host", "https://bank.example@evil.example/", USER_INFO),
        refused("encoded slash before @", "https://example.com%2F@evil.example/", USER_INFO),
        refused("single-label host", "https://intranet/", NOT_PUBLIC),
        refused("localhost", "https://localhost/", NOT_PUBLIC),
        refused("localhost in capitals with port", "http://LOCALHOST:8080/", NOT_PUBLIC),
        refused("subdomain of localhost", "https://app.localhost/", NOT_PUBLIC),
        refused("localhost with trailing dot", "https://localhost./", NOT_PUBLIC),
        refused("numeric top-level domain", "https://example.123/", NOT_PUBLIC),
        refused("short dotted number", "https://1.2.3/", NOT_PUBLIC),
        refused("IPv4 octets above 255", "https://999.999.999.999/", NOT_PUBLIC),
        refused("IPv4 octet 256", "https://256.1.1.1/", NOT_PUBLIC),
        refused("IPv4 with octal-looking octet", "https://010.0.0.1/", NOT_PUBLIC),
        refused("port 0", "https://example.com:0/", BAD_PORT),
        refused("port 65536", "https://example.com:65536/", BAD_PORT),
        refused("port 99999", "https://example.com:99999/", BAD_PORT),
        refused("port of six digits", "https://example.com:100000/", BAD_PORT),
        refused("non-numeric port", "https://example.com:http/", BAD_PORT),
        refused("negative port", "https://example.com:-1/", BAD_PORT),
        refused("empty port", "https://example.com:/", BAD_PORT),
        refused("space in host", "https://exa mple.com/", INVISIBLE),
        refused("space in path", "https://example.com/a b", INVISIBLE),
        refused("trailing space", "https://example.com/ ", INVISIBLE),
        refused("tab", "https://example.com/\tx", INVISIBLE),
        refused("header injection", "https://example.com/\r\nSet-Cookie:a=1", INVISIBLE),
        refused("NUL", "https://example.com/\u0000", INVISIBLE),
        refused("DEL", "https://example.com/\u007f", INVISIBLE),
        refused("no-break space", "https://example.com/a\u00a0b", INVISIBLE),
        refused("ideographic space", "https://example.com/a\u3000b", INVISIBLE),
        refused("zero-width space in host", "https://exa\u200bmple.com/", INVISIBLE),
        refused("right-to-left override", "https://example.com/\u202egnp.exe", INVISIBLE),
        refused("byte order mark", "\ufeffhttps://example.com/", INVISIBLE),
        refused("longer than 2048 characters", path2048 + "a", TOO_LONG),
        refused("backslash in host", "https://example.com\\evil.example/", BAD_HOST),
        refused("underscore in host", "https://exa_mple.com/", BAD_HOST),
        refused("leading hyphen in host", "https://-example.com/", BAD_HOST),
        refused("empty label", "https://a..b.com/", BAD_HOST),
        refused("label of 64 characters", "https://" + "a".repeat(64) + ".com/", BAD_HOST),
        refused("percent-encoded host", "https://ex%61mple.com/", BAD_HOST),
        refused("IPv6 bracket unterminated", "https://[::1/", BAD_HOST),
        refused("IPv6 with junk after bracket", "https://[::1]x/", BAD_HOST),
        refused("IPv6 with empty port", "https://[::1]:/", BAD_PORT),
        refused("IPv6 of a lone colon", "https://[:]/", BAD_HOST),
        refused("IPv6 of a lone dot", "https://[.]/", BAD_HOST),
        refused("IPv6 with two double colons", "https://[1::2::3]/", BAD_HOST),
        refused("IPv6 group of five digits", "https://[12345::]/", BAD_HOST),
        refused("IPv6 of nine groups", "https://[0:0:0:0:0:0:0:0:0]/", BAD_HOST),
        refused("IPv6 with zone id", "https://[fe80::1%25eth0]/", BAD_HOST),
        refused("invalid escape in the path", "https://example.com/%zz", escape("%zz")),
        refused("cut escape", "https://example.com/%4", escape("%4")),
        refused("trailing percent sign", "https://example.com/a%", escape("%")),
        refused("invalid escape in the query", "https://example.com/?off=100%", escape("%")),
        refused("invalid escape in the fragment", "https://example.com/#50%off", escape("%of")),
        refused(
            "percent sign before non-ASCII",
            "https://example.com/%\u00e9t\u00e9",
            escape("%\u00e9t")),
        refused("escape cut by another", "https://example.com/%4%41", escape("%4")),
        refused(
            "lone surrogate",
            "https://example.com/\ud800",
            "target is not valid Unicode (a lone surrogate)"),
        refused("invalid punycode", "https://xn--a.com/", BAD_HOST),
        refused("left-to-right and right-to-left in one label", "https://ab\u05d0.com/", BAD_HOST),
        refused("zero-width joiner in host", "https://a\u200db.com/", BAD_HOST),
        refused("last label a hex number", "https://example.0x1f/", NOT_PUBLIC),
        refused("last label 0x", "https://example.0x/", NOT_PUBLIC),
        refused("host of a dot", "https://./", NOT_PUBLIC),
        refused("short domain", "https://s.test/x", ErrorCode.TARGET_IS_SHORT_DOMAIN, LOOP),
        refused(
            "short domain, a page word left by a dot segment",
            "https://s.test/blog/../abc",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused(
            "short domain, a page word behind a backslash",
            "https://s.test/blog\\..\\abc",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused(
            "short domain, default port",
            "https://s.test:443/x",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused(
            "short domain in capitals with port",
            "HTTPS://GO.TEST:8443/x",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused(
            "short domain with trailing dot",
            "https://s.test./x",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused(
            "short domain with ideographic full stop",
            "https://s\u3002test/x",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused("short domain's root", "https://s.test/", ErrorCode.TARGET_IS_SHORT_DOMAIN, LOOP),
        refused(
            "short domain, a code that starts like a page word",
            "https://s.test/blogs",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP),
        refused(
            "short domain, a system word (not a page)",
            "https://s.test/api/v1/links",
            ErrorCode.TARGET_IS_SHORT_DOMAIN,
            LOOP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTargets")
  void refusesUnsafeOrMalformedTargetsWithTheExactReason(
      String description, String raw, ErrorCode code, String message) {
    assertThat(TargetUrls.normalise(raw, SHORT_DOMAINS))
        .isEqualTo(new TargetUrls.Result.Invalid(new Violation(code, message, "target")));
  }

  @Test
  void hasAtLeastTwentyFiveRefusedForms() {
    assertThat(refusedTargets()).hasSizeGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          https://example.com                           | https://example.com/                              | example.com
          HTTPS://EXAMPLE.COM/Path?Query=Value#Frag     | https://example.com/Path?Query=Value#Frag        | example.com
          HtTp://Example.com:8080/a                     | http://example.com:8080/a                        | example.com
          https://Bücher.Example/Ä?q=1#x                | https://xn--bcher-kva.example/%C3%84?q=1#x       | xn--bcher-kva.example
          https://Bücher.example./                      | https://xn--bcher-kva.example./                  | xn--bcher-kva.example
          https://münchen.de                            | https://xn--mnchen-3ya.de/                       | xn--mnchen-3ya.de
          https://faß.de/                               | https://xn--fa-hia.de/                           | xn--fa-hia.de
          https://xn--bcher-kva.example/                | https://xn--bcher-kva.example/                   | xn--bcher-kva.example
          https://example.com./x                        | https://example.com./x                           | example.com
          https://Sub.Domain.Example.co.uk/A/b          | https://sub.domain.example.co.uk/A/b             | sub.domain.example.co.uk
          https://a-b.example/                          | https://a-b.example/                             | a-b.example
          https://93.184.216.34/x                       | https://93.184.216.34/x                          | 93.184.216.34
          https://93.184.216.34./x                      | https://93.184.216.34/x                          | 93.184.216.34
          https://255.255.255.255:1/                    | https://255.255.255.255:1/                       | 255.255.255.255
          https://0.0.0.1/                              | https://0.0.0.1/                                 | 0.0.0.1
          https://[2001:DB8::1]:8443/x                  | https://[2001:db8::1]:8443/x                     | [2001:db8::1]
          https://[::ffff:192.0.2.1]/                   | https://[::ffff:c000:201]/                       | [::ffff:c000:201]
          https://[0:0:0:0:0:0:0:1]/                    | https://[::1]/                                   | [::1]
          https://[1:0:0:2:0:0:0:3]/                    | https://[1:0:0:2::3]/                            | [1:0:0:2::3]
          https://[1:2:3:4:5:6:7::]/                    | https://[1:2:3:4:5:6:7:0]/                       | [1:2:3:4:5:6:7:0]
          https://example.com:65535/                    | https://example.com:65535/                       | example.com
          https://example.com:443/                      | https://example.com/                             | example.com
          http://example.com:80/                        | http://example.com/                              | example.com
          https://example.com:80/                       | https://example.com:80/                          | example.com
          https://example.com:00443/                    | https://example.com/                             | example.com
          https://example.com?q=1                       | https://example.com/?q=1                         | example.com
          https://example.com#Top                       | https://example.com/#Top                         | example.com
          https://example.com/%7Euser/A%20B?x=%2F&Y=Z   | https://example.com/%7Euser/A%20B?x=%2F&Y=Z      | example.com
          https://example.com/%c3%a4?q=%C3%a4#%c3%A4    | https://example.com/%c3%a4?q=%C3%a4#%c3%A4       | example.com
          https://example.com/Path/ÜMLAUT/?Q=Ä          | https://example.com/Path/%C3%9CMLAUT/?Q=%C3%84   | example.com
          https://example.com/a\\b@c                      | https://example.com/a/b@c                        | example.com
          https://example.com/a/./b/../c                | https://example.com/a/c                          | example.com
          https://example.com/a/%2E%2e                  | https://example.com/                             | example.com
          https://example.com/?it's#it's                | https://example.com/?it%27s#it's                 | example.com
          https://www.s.test/                           | https://www.s.test/                              | www.s.test
          https://s.test/blog/redirects-at-the-edge/    | https://s.test/blog/redirects-at-the-edge/       | s.test
          https://GO.test:8443/Pricing?plan=pro         | https://go.test:8443/Pricing?plan=pro            | go.test
          https://s.test/docs#api                       | https://s.test/docs#api                          | s.test
          """)
  void acceptsAndNormalisesAsTheUrlStandardDoes(String raw, String url, String host) {
    assertThat(TargetUrls.normalise(raw, SHORT_DOMAINS))
        .isEqualTo(new TargetUrls.Result.Valid(url, host));
  }

  @Test
  void keepsZeroWidthJoinersThatSomeScriptsNeedInsideWords() {
    var persian = "https://fa.example/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645";

    assertThat(TargetUrls.normalise(persian, SHORT_DOMAINS))
        .isEqualTo(
            new TargetUrls.Result.Valid(
                "https://fa.example/%D9%85%DB%8C%E2%80%8C%D8%AE%D9%88%D8%A7%D9%87%D9%85",
                "fa.example"));
  }

  @Test
  void acceptsATargetOfExactly2048Characters() {
    var raw = "https://example.com/" + "a".repeat(2048 - "https://example.com/".length());

    assertThat(raw).hasSize(TargetUrls.MAX_LENGTH);
    assertThat(TargetUrls.normalise(raw, SHORT_DOMAINS))
        .isEqualTo(new TargetUrls.Result.Valid(raw, "example.com"));
  }

  @Test
  void refusesATargetThatOnlyExceeds2048CharactersOncePunycoded() {
    var prefix = "https://bücher.example/";
    var raw = prefix + "a".repeat(2048 - prefix.length());

    assertThat(raw).hasSize(TargetUrls.MAX_LENGTH);
    assertThat(TargetUrls.normalise(raw, SHORT_DOMAINS))
        .isEqualTo(
            new TargetUrls.Result.Invalid(
                new Violation(ErrorCode.INVALID_TARGET, TOO_LONG, "target")));
  }

  @Test
  void refusesATargetThatOnlyExceeds2048CharactersOncePercentEncoded() {
    var prefix = "https://example.com/";
    var raw = prefix + "\u00e9".repeat(700);

    assertThat(raw).hasSizeLessThan(TargetUrls.MAX_LENGTH);
    assertThat(TargetUrls.normalise(raw, SHORT_DOMAINS))
        .isEqualTo(
            new TargetUrls.Result.Invalid(
                new Violation(ErrorCode.INVALID_TARGET, TOO_LONG, "target")));
  }

  /** A row of packages/kv-record/contract/fixtures/target-urls.json. */
  record FixtureRow(String name, String input, String location, String refused) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Path FIXTURE = Path.of("../packages/kv-record/contract/fixtures/target-urls.json");

  static List<FixtureRow> fixtureRows() throws Exception {
    var rows = new ArrayList<FixtureRow>();
    for (JsonNode row : new ObjectMapper().readTree(Files.readString(FIXTURE)).get("targets")) {
      rows.add(
          new FixtureRow(
              row.get("name").asText(),
              row.get("input").asText(),
              row.has("location") ? row.get("location").asText() : null,
              row.has("refused") ? row.get("refused").asText() : null));
    }
    return rows;
  }

  @Test
  void theSharedFixtureHasThirtyAcceptedAndTenRefusedTargets() throws Exception {
    assertThat(fixtureRows()).filteredOn(row -> row.location() != null).hasSizeGreaterThan(30);
    assertThat(fixtureRows()).filteredOn(row -> row.refused() != null).hasSizeGreaterThan(10);
    assertThat(fixtureRows())
        .allSatisfy(row -> assertThat(row.location() == null).isNotEqualTo(row.refused() == null));
  }

  /** The Worker's tests hold {@code new URL(input).href} to the same rows (packages/kv-record). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureRows")
  void normalisesEachSharedFixtureRowToItsLocationOrRefusesIt(FixtureRow row) {
    var result = TargetUrls.normalise(row.input(), Set.of());

    if (row.location() != null) {
      assertThat(result).isInstanceOf(TargetUrls.Result.Valid.class);
      assertThat(((TargetUrls.Result.Valid) result).url()).isEqualTo(row.location());
      assertThat(row.location()).matches("[\\x21-\\x7e]+");
    } else {
      assertThat(result).isInstanceOf(TargetUrls.Result.Invalid.class);
      assertThat(((TargetUrls.Result.Invalid) result).violation().code().wireName())
          .isEqualTo(row.refused());
    }
  }

  /**
   * What a redirect sends for a stored target: a normalised one as stored; one stored before
   * targets were normalised as the edge's {@code locationFor} sends it (plain visible ASCII as it
   * is, anything else normalised), or nothing when it holds an invalid escape.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureRows")
  void sendsAStoredTargetAsTheEdgeWorkerDoes(FixtureRow row) {
    boolean plain = row.input().matches("[\\x21-\\x7e]*");
    if (row.location() != null) {
      assertThat(TargetUrls.location(row.location()))
          .isEqualTo(new TargetUrls.Outgoing.Sendable(row.location()));
      assertThat(TargetUrls.location(row.input()))
          .isEqualTo(new TargetUrls.Outgoing.Sendable(plain ? row.input() : row.location()));
    } else if (row.input().matches(".*%(?![0-9A-Fa-f]{2}).*")) {
      assertThat(TargetUrls.location(row.input()))
          .isInstanceOf(TargetUrls.Outgoing.Unsendable.class);
    }
  }

  @Test
  void aStoredTargetLongerThan2048CharactersOnceEncodedIsStillSent() {
    var stored = "https://example.com/" + "\u00e9".repeat(700);

    assertThat(TargetUrls.location(stored))
        .isEqualTo(new TargetUrls.Outgoing.Sendable("https://example.com/" + "%C3%A9".repeat(700)));
  }

  @Test
  void aStoredTargetOnAShortDomainIsStillSent() {
    assertThat(TargetUrls.location("https://s.test/caf\u00e9"))
        .isEqualTo(new TargetUrls.Outgoing.Sendable("https://s.test/caf%C3%A9"));
  }

  @Test
  void aStoredTargetWithAnInvalidEscapeCannotBeSent() {
    assertThat(TargetUrls.location("https://example.com/%zz"))
        .isEqualTo(
            new TargetUrls.Outgoing.Unsendable(
                new Violation(ErrorCode.INVALID_TARGET, escape("%zz"), "target")));
  }
}
