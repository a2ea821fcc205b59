package dev.smo1.projection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The part of Cloudflare's REST API (v4) that keeps Workers KV in sync: "Write multiple key-value
 * pairs" ({@code PUT …/storage/kv/namespaces/{namespace}/bulk}, at most 10,000 pairs and 100 MB)
 * and "Delete multiple key-value pairs" ({@code POST …/bulk/delete}, at most 10,000 keys), with an
 * API token ({@code Authorization: Bearer}). Answers use Cloudflare's envelope {@code {success,
 * errors[{code, message}], messages, result}}; the bulk results list {@code unsuccessful_keys} to
 * retry. Non-blocking (java.net.http).
 */
public final class CloudflareKvApi {
  public static final int MAX_KEYS_PER_REQUEST = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI namespace;
  private final String authorization;
  private final Duration timeout;

  /**
   * A pair to write: a KV link record (text), or a value Workers KV is to drop at {@code
   * expiration} (at least 60 s ahead, Cloudflare's minimum), such as a day's visitor salt.
   */
  public record Pair(String key, String value, Optional<Instant> expiration) {
    public Pair(String key, String value) {
      this(key, value, Optional.empty());
    }
  }

  /** The outcome of one bulk request. */
  public sealed interface Outcome {
    /** Accepted; the keys listed here were not written and must be sent again. */
    record Done(Set<String> unsuccessfulKeys) implements Outcome {}

    /** 429: wait (Retry-After when Cloudflare sent one) and send again. */
    record RateLimited(Optional<Duration> retryAfter) implements Outcome {}

    /** Any other failure; {@code status} 0 when no HTTP answer came back. */
    record Failed(int status, String message) implements Outcome {}
  }

  public CloudflareKvApi(
      HttpClient http,
      URI apiBase,
      String accountId,
      String namespaceId,
      String apiToken,
      Duration timeout) {
    String base = apiBase.toString().replaceAll("/+$", "");
    this.http = http;
    this.namespace =
        URI.create(base + "/accounts/" + accountId + "/storage/kv/namespaces/" + namespaceId);
    this.authorization = "Bearer " + apiToken;
    this.timeout = timeout;
  }

  public CompletionStage<Outcome> bulkWrite(List<Pair> pairs) {
    checkSize(pairs.size());
    var body = JSON.createArrayNode();
    for (Pair pair : pairs) {
      var entry = body.addObject().put("key", pair.key()).put("value", pair.value());
      pair.expiration().ifPresent(at -> entry.put("expiration", at.getEpochSecond()));
    }
    return send(
        HttpRequest.newBuilder(URI.create(namespace + "/bulk"))
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  public CompletionStage<Outcome> bulkDelete(List<String> keys) {
    checkSize(keys.size());
    var body = JSON.createArrayNode();
    keys.forEach(body::add);
    return send(
        HttpRequest.newBuilder(URI.create(namespace + "/bulk/delete"))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private static void checkSize(int size) {
    if (size < 1 || size > MAX_KEYS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "a bulk request takes 1 to " + MAX_KEYS_PER_REQUEST + " keys, not " + size);
    }
  }

  private CompletionStage<Outcome> send(HttpRequest.Builder request) {
    return http.sendAsync(
            request
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null) {
                return new Outcome.Failed(0, String.valueOf(error.getMessage()));
              }
              return outcome(response);
            });
  }

  static Outcome outcome(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 429) {
      return new Outcome.RateLimited(
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(CloudflareKvApi::seconds)
              .map(Duration::ofSeconds));
    }
    JsonNode envelope;
    try {
      envelope = JSON.readTree(response.body());
    } catch (Exception e) {
      envelope = null;
    }
    if (status / 100 != 2 || envelope == null || !envelope.path("success").asBoolean(false)) {
      return new Outcome.Failed(status, errors(envelope, response.body()));
    }
    Set<String> unsuccessful = new HashSet<>();
    envelope
        .path("result")
        .path("unsuccessful_keys")
        .forEach(key -> unsuccessful.add(key.asText()));
    return new Outcome.Done(unsuccessful);
  }

  /**
   * The longest wait a Retry-After may impose: beyond it the writer asks again anyway, so a wrong
   * or hostile value cannot stall KV sync past SMO1-ARCH-002's budget for long.
   */
  static final long MAX_RETRY_AFTER_SECONDS = 60;

  private static Optional<Long> seconds(String value) {
    try {
      return Optional.of(
          Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Long.parseLong(value.trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String errors(JsonNode envelope, String body) {
    if (envelope == null
        || !envelope.path("errors").isArray()
        || envelope.path("errors").isEmpty()) {
      return body == null ? "" : body.substring(0, Math.min(200, body.length()));
    }
    var text = new StringBuilder();
    for (JsonNode error : envelope.path("errors")) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(error.path("code").asText()).append(' ').append(error.path("message").asText());
    }
    return text.toString();
  }
}
