package dev.smo1.prober;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The API, asked once per code at start what the link must answer ({@code GET
 * /api/v1/links/{code}}): the prober checks the edge against the system of record, not against a
 * copy someone keeps by hand. The key needs the scope {@code links:read} of the links' workspace;
 * it is sent to the API only, and never printed.
 */
public final class LinkApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final URI base;
  private final String key;
  private final Optional<String> domain;

  public LinkApi(URI base, String key, Optional<String> domain) {
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
    this.base = base;
    this.key = key;
    this.domain = domain;
  }

  /** What the edge must answer for {@code code}, or why the prober cannot check it. */
  public Expectation expectationOf(String code) throws NotACanary, IOException {
    String query =
        domain.map(name -> "?domain=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).orElse("");
    URI uri = URI.create(base + "/api/v1/links/" + code + query);
    HttpResponse<String> answer;
    try {
      answer =
          client.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + key)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted asking the API for " + code, e);
    }
    return switch (answer.statusCode()) {
      case 200 -> LinkExpectations.of(code, JSON.readTree(answer.body()));
      case 401, 403 ->
          throw new NotACanary(
              "the API refused the key for link "
                  + code
                  + " ("
                  + answer.statusCode()
                  + " "
                  + errorCode(answer.body())
                  + "): SMO1_PROBE_API_KEY must be a key of the link's workspace with links:read");
      case 404 ->
          throw new NotACanary(
              "no link "
                  + code
                  + domain.map(name -> " on the domain " + name).orElse("")
                  + " in the key's workspace (404 from the API)");
      default ->
          throw new IOException(
              "the API answered "
                  + answer.statusCode()
                  + " "
                  + errorCode(answer.body())
                  + " for link "
                  + code);
    };
  }

  /** The API error body's machine-readable code, or nothing. */
  private static String errorCode(String body) {
    try {
      JsonNode error = JSON.readTree(body);
      return error.path("code").asText("");
    } catch (IOException e) {
      return "";
    }
  }
}
