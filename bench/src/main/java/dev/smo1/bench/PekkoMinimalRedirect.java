package dev.smo1.bench;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;

/**
 * Reference for the redirect benchmark: the least a Pekko HTTP server can do to redirect, a {@code
 * HashMap} lookup per request, nothing else. Usage: {@code PekkoMinimalRedirect <port> <pairsFile>}
 * (lines {@code code<TAB>target}).
 */
public final class PekkoMinimalRedirect {
  private PekkoMinimalRedirect() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> targets = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        targets.put(line.substring(0, tab), line.substring(tab + 1));
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
                      String target = targets.get(code);
                      return complete(
                          target == null
                              ? HttpResponse.create().withStatus(StatusCodes.NOT_FOUND)
                              : HttpResponse.create()
                                  .withStatus(StatusCodes.FOUND)
                                  .addHeader(Location.create(target)));
                    }));
    Http.get(system)
        .newServerAt("127.0.0.1", Integer.parseInt(args[0]))
        .bind(route)
        .toCompletableFuture()
        .join();
    System.out.println("PEKKO_MIN_READY " + targets.size());
  }
}
