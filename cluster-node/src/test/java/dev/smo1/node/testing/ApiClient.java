package dev.smo1.node.testing;

import dev.smo1.http.clicks.ClickSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/** A plain JDK HTTP client against one node, the way an API client would call it. */
public final class ApiClient {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;

  public ApiClient(InetSocketAddress address) {
    this.base = "http://127.0.0.1:" + address.getPort();
  }

  public ApiClient(String base) {
    this.base = base;
  }

  /** A client of the node's management port ({@code Node.managementAddress()}). */
  public ApiClient(URI base) {
    this(base.toString().replaceAll("/+$", ""));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  public HttpRequest.Builder authorized(String path, String key) {
    return request(path).header("Authorization", "Bearer " + key);
  }

  public HttpResponse<String> post(String path, String key, String json) {
    return send(
        authorized(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> patch(String path, String key, String json) {
    return send(
        authorized(path, key)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> get(String path, String key) {
    return send(authorized(path, key).GET());
  }

  public HttpResponse<String> delete(String path, String key) {
    return send(authorized(path, key).DELETE());
  }

  /** {@code POST /api/v1/links} with a target and an alias. */
  public HttpResponse<String> createLink(String key, String alias, String target) {
    return post(
        "/api/v1/links", key, "{\"target\":\"" + target + "\",\"alias\":\"" + alias + "\"}");
  }

  /**
   * {@code /internal/clicks} with the edge's signature headers over {@code body} (add the method
   * and body: a test may sign one body and send another).
   */
  public HttpRequest.Builder signedClicks(String body, long timestamp, String secret) {
    byte[] mac =
        new ClickSignature(secret, Duration.ofMinutes(5))
            .sign(Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8));
    return request("/internal/clicks")
        .header("Content-Type", "application/json")
        .header(ClickSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(ClickSignature.SIGNATURE_HEADER, "v1=" + HexFormat.of().formatHex(mac));
  }

  /** A signed click batch, as the edge posts it. */
  public HttpResponse<String> postClicks(String body, long timestamp, String secret) {
    return send(
        signedClicks(body, timestamp, secret).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> visit(String code) {
    return send(request("/" + code).GET());
  }

  public static HttpClient client() {
    return CLIENT;
  }
}
