package dev.smo1.safety.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A client of Google Safe Browsing's v4 Lookup API: {@code POST /v4/threatMatches:find?key=…} with
 * the URLs as {@code threatEntries}; an empty object means none matched, {@code matches} names each
 * URL that did and its {@code threatType}. Any other answer (an error status, a body that is not
 * that shape, a timeout) fails the lookup: the caller refuses rather than let a URL through
 * unchecked.
 */
public final class SafeBrowsing {
  /** The threat types asked about: what a redirect could send a visitor into. */
  static final List<String> THREAT_TYPES =
      List.of(
          "MALWARE", "SOCIAL_ENGINEERING", "UNWANTED_SOFTWARE", "POTENTIALLY_HARMFUL_APPLICATION");

  /** The API's limit on entries in one request. */
  static final int MAX_ENTRIES = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScreeningSettings.SafeBrowsingSettings settings;
  private final HttpClient http;

  public SafeBrowsing(ScreeningSettings.SafeBrowsingSettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  /** A URL Safe Browsing lists, and as what. */
  public record Match(String url, String threatType) {}

  /** The first of {@code urls} Safe Browsing lists; fails when the lookup cannot be made. */
  public CompletionStage<Optional<Match>> lookup(List<String> urls) {
    if (urls.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (urls.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " URLs in one lookup");
    }
    var request =
        HttpRequest.newBuilder(endpoint())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(urls)))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(SafeBrowsing::matchIn);
  }

  private URI endpoint() {
    String base = settings.url().toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/v4/threatMatches:find?key="
            + URLEncoder.encode(settings.apiKey(), StandardCharsets.UTF_8));
  }

  static String body(List<String> urls) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("client").put("clientId", "smo1").put("clientVersion", "1.0");
    ObjectNode info = root.putObject("threatInfo");
    THREAT_TYPES.forEach(info.putArray("threatTypes")::add);
    info.putArray("platformTypes").add("ANY_PLATFORM");
    info.putArray("threatEntryTypes").add("URL");
    var entries = info.putArray("threatEntries");
    urls.forEach(url -> entries.addObject().put("url", url));
    return root.toString();
  }

  static Optional<Match> matchIn(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new CompletionException(
          new IOException("Safe Browsing answered " + response.statusCode()));
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CompletionException(new IOException("Safe Browsing's answer is not JSON", e));
    }
    if (root == null || !root.isObject()) {
      throw new CompletionException(new IOException("Safe Browsing's answer is not an object"));
    }
    JsonNode matches = root.path("matches");
    if (matches.isMissingNode() || (matches.isArray() && matches.isEmpty())) {
      return Optional.empty();
    }
    if (!matches.isArray()) {
      throw new CompletionException(new IOException("Safe Browsing's matches is not a list"));
    }
    JsonNode first = matches.get(0);
    String url = first.path("threat").path("url").asText("");
    String type = first.path("threatType").asText("");
    if (url.isEmpty() || type.isEmpty()) {
      throw new CompletionException(new IOException("Safe Browsing's match has no url or type"));
    }
    return Optional.of(new Match(url, type));
  }
}
