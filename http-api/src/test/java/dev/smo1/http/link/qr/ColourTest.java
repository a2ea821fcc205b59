package dev.smo1.http.link.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Colours as the QR code API reads them, and the WCAG contrast that keeps a code scannable. */
class ColourTest {
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
