package dev.smo1.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows every code of a file exactly once, in a shuffled order, over C kept-alive connections
 * (closed loop): the redirect-cold scenario's load, where each request must be the first one for
 * its code. Any answer but a redirect (301, 302, 307, 308) counts as an error.
 *
 * <p>Usage: {@code RedirectLoad <baseUrl> <codesFile> <concurrency>}; prints one RUN line with
 * {@code errors=}.
 */
public final class RedirectLoad {
  private RedirectLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    List<String> codes = new ArrayList<>(Files.readAllLines(Path.of(args[1])));
    codes.removeIf(String::isBlank);
    int concurrency = Integer.parseInt(args[2]);
    Collections.shuffle(codes, new Random(codes.size()));
    var errors = new AtomicLong();
    var firstError = new StringBuilder();
    Run run =
        ClosedLoop.run(
            base,
            codes.size(),
            concurrency,
            "followed",
            (http, i) -> {
              var response = http.get("/" + codes.get(i));
              int status = response.status();
              if (status != 301 && status != 302 && status != 307 && status != 308) {
                if (errors.getAndIncrement() == 0) {
                  synchronized (firstError) {
                    firstError.append(codes.get(i)).append(" -> ").append(status);
                  }
                }
              }
            });
    if (errors.get() > 0) {
      System.err.println("  first error: " + firstError);
    }
    System.out.println(run.line() + String.format(Locale.ROOT, " errors=%d", errors.get()));
  }
}
