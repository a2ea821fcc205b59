package dev.smo1.stripe.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's own clock moves forward on {@code POST /_standin/clock/advance}, for the secret
 * key only, by a whole number of seconds, never back.
 */
class StandInClockTest {
  private static final Instant T0 = Instant.parse("2030-01-15T12:00:00Z");
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void advancesForTheSecretKeyOnly() throws Exception {
    var clock = new StandInClock(Clock.fixed(T0, ZoneOffset.UTC));
    try (var standIn = StripeStandIn.start(StandInConfig.defaults().withClock(clock))) {
      URI advance = URI.create(standIn.apiBase() + "/_standin/clock/advance");

      assertThat(post(advance, null, "seconds=60").statusCode()).isEqualTo(401);
      assertThat(post(advance, "sk_test_other", "seconds=60").statusCode()).isEqualTo(401);
      assertThat(post(advance, standIn.secretKey(), "seconds=-5").statusCode()).isEqualTo(400);
      assertThat(post(advance, standIn.secretKey(), "seconds=soon").statusCode()).isEqualTo(400);
      assertThat(clock.instant()).isEqualTo(T0);

      var moved = post(advance, standIn.secretKey(), "seconds=86400");
      assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
      assertThat(moved.body())
          .isEqualTo("{\"now\":" + T0.plusSeconds(86_400).getEpochSecond() + "}");
      assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }
  }

  @Test
  void neverGoesBack() {
    var clock = new StandInClock(Clock.fixed(T0, ZoneOffset.UTC));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.advance(Duration.ofHours(2))).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(clock.withZone(ZoneOffset.ofHours(2)).instant())
        .isEqualTo(T0.plus(Duration.ofHours(2)));
  }

  private HttpResponse<String> post(URI uri, String key, String form) throws Exception {
    var request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
