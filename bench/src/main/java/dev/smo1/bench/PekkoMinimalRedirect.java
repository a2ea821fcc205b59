package dev.smo1.bench;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.Location;

/**
 * Reference for the redirect benchmark: the least a Pekko HTTP server can do to redirect, a {@code
 * HashMap} lookup per request, nothing else. It answers the same bytes SMO1's origin answers for a
 * 302 (status, {@code Location}, {@code Cache-Control: no-store}, the same small HTML body),
 * rendered once per code at start, so the comparison isolates what SMO1 adds per request: routing,
 * cache lookups, expiry check. Usage: {@code PekkoMinimalRedirect <port> <pairsFile>} (lines {@code
 * code<TAB>target}).
 */
public final class PekkoMinimalRedirect {
  private PekkoMinimalRedirect() {}

  public static void main(String[] args) throws Exception {
    Map<String, HttpResponse> redirects = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        String target = line.substring(tab + 1);
        redirects.put(
            line.substring(0, tab),
            HttpResponse.create()
                .withStatus(StatusCodes.FOUND)
                .addHeader(Location.create(target))
                .addHeader(CacheControl.create(CacheDirectives.NO_STORE))
                .withEntity(
                    ContentTypes.TEXT_HTML_UTF8,
                    ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Redirecting</title>"
                            + "</head><body><p>Redirecting to <a href=\""
                            + target
                            + "\">"
                            + target
                            + "</a></p></body></html>\n")
                        .getBytes(StandardCharsets.UTF_8)));
      }
    }
    var system =
        ActorSystem.create(
            Behaviors.empty(),
            "pekko-min",
            ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
    var route =
        path(
            segment(),
            code ->
                get(
                    () -> {
                      HttpResponse redirect = redirects.get(code);
                      return complete(
                          redirect == null
                              ? HttpResponse.create().withStatus(StatusCodes.NOT_FOUND)
                              : redirect);
                    }));
    Http.get(system)
        .newServerAt("127.0.0.1", Integer.parseInt(args[0]))
        .bind(route)
        .toCompletableFuture()
        .join();
    System.out.println("PEKKO_MIN_READY " + redirects.size());
  }
}
