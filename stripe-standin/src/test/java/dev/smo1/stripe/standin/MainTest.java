package dev.smo1.stripe.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void withNothingSetItServesSmo1sPlansOnAFreeLoopbackPort() {
    var config = Main.config(Map.of(), Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isZero();
    assertThat(config.secretKey()).isEqualTo(StandInConfig.DEFAULT_SECRET_KEY);
    assertThat(config.webhook()).isEmpty();
    assertThat(config.prices())
        .extracting(CatalogPrice::lookupKey)
        .containsExactly(
            Optional.of("pro_monthly"),
            Optional.of("pro_yearly"),
            Optional.of("business_monthly"),
            Optional.of("business_yearly"));
  }

  @Test
  void argumentsWinOverTheEnvironment() {
    var config =
        Main.config(
            Main.arguments(new String[] {"--port=4242", "--webhook-secret=whsec_arg"}),
            Map.of(
                "SMO1_STRIPE_PORT", "1234",
                "SMO1_STRIPE_WEBHOOK_URL", "http://127.0.0.1:8080/billing/stripe/webhook",
                "SMO1_STRIPE_WEBHOOK_SECRET", "whsec_env",
                "SMO1_STRIPE_SECRET_KEY", "sk_test_env",
                "SMO1_STRIPE_PUBLIC_URL", "http://localhost:12111",
                "SMO1_STRIPE_PRICES", "price_a:prod_a:Starter:eur:500:month:starter"));

    assertThat(config.port()).isEqualTo(4242);
    assertThat(config.secretKey()).isEqualTo("sk_test_env");
    assertThat(config.publicBaseUrl()).contains(URI.create("http://localhost:12111"));
    assertThat(config.webhook().orElseThrow().signingSecret()).isEqualTo("whsec_arg");
    assertThat(config.prices())
        .containsExactly(
            new CatalogPrice(
                "price_a",
                "prod_a",
                "Starter",
                "eur",
                500,
                CatalogPrice.Interval.MONTH,
                Optional.of("starter")));
  }

  @Test
  void halfAWebhookEndpointOrALiveKeyIsRefused() {
    assertThatThrownBy(() -> Main.config(Map.of("webhook-url", "http://127.0.0.1:1/x"), Map.of()))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> Main.config(Map.of("secret-key", "sk_live_x"), Map.of()))
        .hasMessageContaining("test mode");
  }
}
