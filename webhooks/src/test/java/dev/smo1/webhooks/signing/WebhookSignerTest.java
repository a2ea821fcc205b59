package dev.smo1.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The signer against the shared fixture ({@code packages/webhooks/contract/signatures.json}), whose
 * every signature the reference implementation of Standard Webhooks verifies in {@code
 * packages/webhooks/test/signatures.test.ts}: the bytes this signer sends are what receivers check.
 */
class WebhookSignerTest {
  private static final Path FIXTURES = Path.of("../packages/webhooks/contract/signatures.json");

  @Test
  void signsEveryFixtureAsTheReferenceImplementationVerifiesIt() throws Exception {
    JsonNode cases = new ObjectMapper().readTree(Files.readString(FIXTURES)).get("cases");
    assertThat(cases.size()).isGreaterThanOrEqualTo(3);
    for (JsonNode c : cases) {
      var signer = new WebhookSigner(c.get("secret").asText());
      assertThat(
              signer.signature(
                  c.get("id").asText(), c.get("timestamp").asLong(), c.get("body").asText()))
          .as(c.get("name").asText())
          .isEqualTo(c.get("signature").asText());
    }
  }

  @Test
  void aNewSecretIsOfTheFormatAndSignsAlikeEachTime() {
    String secret = WebhookSigner.newSecret();
    assertThat(secret).startsWith("whsec_");
    assertThat(WebhookSigner.valid(secret)).isTrue();
    var signer = new WebhookSigner(secret);
    assertThat(signer.headers("msg_1", 1700000000L, "{}"))
        .containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature")
        .containsEntry("webhook-signature", signer.signature("msg_1", 1700000000L, "{}"));
    assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
  }

  @Test
  void refusesSecretsOfAnotherFormat() {
    assertThat(WebhookSigner.valid("secret")).isFalse();
    assertThat(WebhookSigner.valid("whsec_c2hvcnQ=")).isFalse(); // 5 bytes
    assertThat(WebhookSigner.valid("whsec_not base64!")).isFalse();
    assertThatThrownBy(() -> new WebhookSigner(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
