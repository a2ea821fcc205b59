package dev.smo1.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptedEncodingsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gzip, deflate, br|true|true",
        "gzip|false|true",
        "br;q=1.0, gzip;q=0.5|true|true",
        "br;q=0, gzip|false|true",
        "*|true|true",
        "*, gzip;q=0|true|false",
        "identity|false|false",
        "BR|true|false",
        "br;q=x|false|false",
      })
  void aCodingIsAcceptedWhenNamedOrCoveredByAStarAndNotGivenQZero(
      String header, boolean brotli, boolean gzip) {
    var accepted = AcceptedEncodings.parse(header);

    assertThat(accepted.accepts("br")).isEqualTo(brotli);
    assertThat(accepted.accepts("gzip")).isEqualTo(gzip);
  }
}
