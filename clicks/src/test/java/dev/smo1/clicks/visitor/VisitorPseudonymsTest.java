package dev.smo1.clicks.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The pseudonym is the edge Worker's: the same known vectors in both test suites. */
class VisitorPseudonymsTest {
  private static final LocalDate DAY = LocalDate.parse("2030-01-01");

  /** 0x00, 0x01, … 0x1f. */
  static final VisitorSalt KNOWN_SALT =
      new VisitorSalt(
          DAY,
          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
          VisitorSalt.expiry(DAY));

  @Test
  void theVisitorPseudonymIsTheEdgeWorkersForTheSameSalt() {
    // edge-redirect/test/worker.test.ts (KNOWN_VISITOR, KNOWN_IPV6_VISITOR); computed apart with
    // printf "visitor|2030-01-01|203.0.113.7|UA/1" | openssl dgst -sha256 -mac HMAC -macopt
    // hexkey:…
    assertThat(VisitorPseudonyms.of(KNOWN_SALT, "203.0.113.7", "UA/1"))
        .isEqualTo("a5270ace3a5c92616ce362b22e3f2330");
    assertThat(VisitorPseudonyms.of(KNOWN_SALT, "2001:db8::7", "UA/1"))
        .isEqualTo("4009581cdb72a9e6e2e239e6da181f19");
  }

  @Test
  void anotherSaltGivesAnUnrelatedPseudonymAndTheLastOneIsNotReused() {
    var other = new VisitorSalt(DAY.plusDays(1), "ab".repeat(32), VisitorSalt.expiry(DAY));

    String first = VisitorPseudonyms.of(KNOWN_SALT, "203.0.113.7", "UA/1");
    String second = VisitorPseudonyms.of(other, "203.0.113.7", "UA/1");

    assertThat(second).isNotEqualTo(first).hasSize(32);
    assertThat(VisitorPseudonyms.of(KNOWN_SALT, "203.0.113.7", "UA/1")).isEqualTo(first);
  }

  @Test
  void theOldSchemeUnderTheClickSecretIsNotWhatIsComputed() throws Exception {
    // before decision 0021 the same message was keyed by the long-lived click secret
    var mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String underSecret =
        HexFormat.of()
            .formatHex(
                mac.doFinal("visitor|2030-01-01|203.0.113.7|UA/1".getBytes(StandardCharsets.UTF_8)),
                0,
                16);

    assertThat(underSecret).isEqualTo("df42a7bc1149b50af72cc56a4c503edc");
    assertThat(VisitorPseudonyms.of(KNOWN_SALT, "203.0.113.7", "UA/1")).isNotEqualTo(underSecret);
  }

  @Test
  void aSaltIs64LowerCaseHexDigits() {
    for (String bad : new String[] {"", "00", "AB".repeat(32), "zz".repeat(32), "0".repeat(65)}) {
      assertThatThrownBy(() -> new VisitorSalt(DAY, bad, VisitorSalt.expiry(DAY)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(KNOWN_SALT.toString()).doesNotContain(KNOWN_SALT.hex());
  }
}
