package dev.smo1.http.link.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.http.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Colours as the QR code API reads them, and the WCAG contrast that keeps a code scannable: held to
 * the fixture the dashboard's own check is held to ({@code contract/qr-colours.json}).
 */
class ColourTest {
  private static final Path FIXTURE = Path.of("../contract/qr-colours.json");

  static Stream<Arguments> sharedCases() throws IOException {
    JsonNode cases = Json.MAPPER.readTree(Files.readString(FIXTURE)).get("cases");
    return StreamSupport.stream(cases.spliterator(), false)
        .map(
            c ->
                Arguments.of(
                    c.get("name").asText(),
                    c.get("fg").asText(),
                    c.get("bg").asText(),
                    c.get("contrast").asDouble(),
                    c.get("verdict").asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedCases")
  void aPairIsJudgedAsTheSharedFixtureSays(
      String name, String fg, String bg, double contrast, String verdict) {
    Colour foreground = colour(fg);
    Colour background = colour(bg);

    assertThat(Math.floor(foreground.contrastWith(background) * 100) / 100).isEqualTo(contrast);
    var problem = QrStyle.colourProblem(foreground, background);
    switch (verdict) {
      case "ok" -> assertThat(problem).isEmpty();
      case "inverted" ->
          assertThat(problem)
              .hasValueSatisfying(p -> assertThat(p).contains("darker than the background"));
      case "low_contrast" ->
          assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("below the 3:1"));
      default -> throw new AssertionError("unknown verdict " + verdict);
    }
  }

  @ParameterizedTest
  @CsvSource({"000000,#000000", "FFFFFF,#ffffff", "#1a2B3c,#1a2b3c", "0b3d2e,#0b3d2e"})
  void sixHexDigitsInEitherCaseWithOrWithoutHashAreAColour(String text, String hex) {
    assertThat(Colour.parse(text)).map(Colour::hex).hasValue(hex);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "#",
        "fff",
        "12345",
        "1234567",
        "#12345g",
        "##000000",
        " 000000",
        "red",
        "0x0000"
      })
  void anythingElseIsNoColour(String text) {
    assertThat(Colour.parse(text)).isEmpty();
  }

  @Test
  void contrastIsTheWcagRatio() {
    assertThat(Colour.BLACK.contrastWith(Colour.WHITE)).isCloseTo(21.0, within(1e-9));
    assertThat(Colour.WHITE.contrastWith(Colour.BLACK)).isCloseTo(21.0, within(1e-9));
    assertThat(Colour.WHITE.contrastWith(Colour.WHITE)).isCloseTo(1.0, within(1e-9));
    // the values WCAG's own examples and every contrast checker give
    assertThat(colour("767676").contrastWith(Colour.WHITE)).isCloseTo(4.54, within(0.01));
    assertThat(colour("777777").contrastWith(Colour.WHITE)).isCloseTo(4.48, within(0.01));
    assertThat(colour("959595").contrastWith(Colour.WHITE)).isCloseTo(2.99, within(0.01));
  }

  @Test
  void aScannableStyleHasADarkerForegroundWithAtLeastThreeToOne() {
    assertThat(QrStyle.colourProblem(Colour.BLACK, Colour.WHITE)).isEmpty();
    assertThat(QrStyle.colourProblem(colour("949494"), Colour.WHITE)).as("3.03:1").isEmpty();
    assertThat(QrStyle.colourProblem(colour("959595"), Colour.WHITE))
        .hasValue("the contrast of #959595 on #ffffff is 2.99:1, below the 3:1 scanners need");
    assertThat(QrStyle.colourProblem(Colour.WHITE, Colour.BLACK))
        .hasValueSatisfying(problem -> assertThat(problem).contains("darker than the background"));
    assertThat(QrStyle.colourProblem(colour("ff0000"), colour("ff0000"))).isPresent();
  }

  private static Colour colour(String hex) {
    return Colour.parse(hex).orElseThrow();
  }
}
