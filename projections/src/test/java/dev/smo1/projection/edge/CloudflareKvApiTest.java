package dev.smo1.projection.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** How an answer of Cloudflare's KV API is read: a 429's Retry-After is believed up to a minute. */
class CloudflareKvApiTest {
  @Test
  void retryAfterIsTakenUpToAMinute() {
    assertThat(CloudflareKvApi.outcome(limited("7")))
        .isEqualTo(new CloudflareKvApi.Outcome.RateLimited(Optional.of(Duration.ofSeconds(7))));
    assertThat(CloudflareKvApi.outcome(limited("86400")))
        .as("a day would stall KV sync: capped")
        .isEqualTo(new CloudflareKvApi.Outcome.RateLimited(Optional.of(Duration.ofSeconds(60))));
    assertThat(CloudflareKvApi.outcome(limited("-5")))
        .isEqualTo(new CloudflareKvApi.Outcome.RateLimited(Optional.of(Duration.ZERO)));
    assertThat(CloudflareKvApi.outcome(limited("Wed, 21 Oct 2015 07:28:00 GMT")))
        .as("not seconds: the writer's own backoff")
        .isEqualTo(new CloudflareKvApi.Outcome.RateLimited(Optional.empty()));
  }

  private static HttpResponse<String> limited(String retryAfter) {
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return 429;
      }

      @Override
      public HttpHeaders headers() {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (name, value) -> true);
      }

      @Override
      public String body() {
        return "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"rate limited\"}]}";
      }

      @Override
      public HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("https://api.cloudflare.com/")).build();
      }

      @Override
      public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return request().uri();
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}
