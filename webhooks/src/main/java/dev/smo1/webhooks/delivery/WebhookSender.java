package dev.smo1.webhooks.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ClientTransport;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;

/**
 * Sends one signed webhook message: a {@code POST} of the JSON body with the Standard Webhooks
 * headers, connecting only to the addresses the SSRF guard allowed (the host name still names the
 * TLS server and the {@code Host}), never following a redirect (pekko-http's client does not), the
 * whole exchange within the timeout; the answer's first {@value #EXCERPT} characters are kept for
 * the delivery log.
 */
public final class WebhookSender {
  static final int EXCERPT = 500;
  private static final int READ_AT_MOST = 64 * 1024;

  /** What one attempt got: {@code statusCode} null when no answer came ({@code error} says why). */
  public record Result(Integer statusCode, int latencyMs, String excerpt, String error) {
    public boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  private final ActorSystem<?> system;
  private final Duration timeout;

  public WebhookSender(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public CompletionStage<Result> send(
      URI url, List<InetAddress> addresses, Map<String, String> headers, String body) {
    long started = System.nanoTime();
    InetAddress pinned = addresses.getFirst();
    var transport =
        ClientTransport.withCustomResolver(
            (host, port) ->
                CompletableFuture.completedFuture(new InetSocketAddress(pinned, (Integer) port)));
    var settings = ConnectionPoolSettings.create(system.classicSystem()).withTransport(transport);
    var request =
        HttpRequest.POST(url.toString())
            .withEntity(ContentTypes.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8))
            .addHeader(RawHeader.create("User-Agent", "SMO1-Webhooks/1"));
    for (var header : headers.entrySet()) {
      request = request.addHeader(RawHeader.create(header.getKey(), header.getValue()));
    }
    var http = Http.get(system.classicSystem());
    Materializer materializer = Materializer.matFromSystem(system);
    return http.singleRequest(
            request, http.defaultClientHttpsContext(), settings, system.classicSystem().log())
        .thenCompose(
            response ->
                response
                    .entity()
                    .getDataBytes()
                    .limitWeighted(READ_AT_MOST, chunk -> (long) chunk.size())
                    .runWith(
                        Sink.fold(ByteString.emptyByteString(), ByteString::concat), materializer)
                    .exceptionally(tooLong -> ByteString.emptyByteString())
                    .thenApply(
                        bytes ->
                            new Result(
                                response.status().intValue(),
                                elapsed(started),
                                excerpt(bytes.utf8String()),
                                null)))
        .toCompletableFuture()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            failed -> {
              Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
              String error =
                  cause instanceof java.util.concurrent.TimeoutException
                      ? "no answer within " + timeout.toMillis() + " ms"
                      : cause.getClass().getSimpleName() + ": " + cause.getMessage();
              return new Result(null, elapsed(started), null, cut(error, 300));
            });
  }

  private static int elapsed(long started) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
  }

  private static String excerpt(String text) {
    return text.isEmpty() ? null : cut(text, EXCERPT);
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
