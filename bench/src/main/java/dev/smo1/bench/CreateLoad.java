package dev.smo1.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Creates N links through the API over C kept-alive connections (closed loop, one request in flight
 * per connection, like wrk), records each request's latency, fails on any answer but 201, and
 * appends the created codes to a file (the redirect scenario's input).
 *
 * <p>Usage: {@code CreateLoad <baseUrl> <apiKey> <n> <concurrency> <codesFile> <runTag>
 * [pairsFile]}; the optional pairs file gets {@code code<TAB>target} lines.
 */
public final class CreateLoad {
  private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

  private CreateLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    int n = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    Path codesFile = Path.of(args[4]);
    String runTag = args[5];
    Path pairsFile = args.length > 6 ? Path.of(args[6]) : null;

    String[] codes = new String[n];
    String[] targets = new String[n];
    Run run =
        ClosedLoop.run(
            base,
            n,
            concurrency,
            "created",
            (http, i) -> {
              targets[i] = "https://example.com/bench/" + runTag + "/" + i;
              String body = "{\"target\":\"" + targets[i] + "\",\"tags\":[\"bench\"]}";
              var response = http.post("/api/v1/links", authorization, body);
              if (response.status() != 201) {
                throw new IllegalStateException(
                    "create answered " + response.status() + ": " + response.body());
              }
              var matcher = CODE.matcher(response.body());
              codes[i] = matcher.find() ? matcher.group(1) : null;
            });
    var lines = new StringBuilder();
    for (String code : codes) {
      lines.append(code).append('\n');
    }
    Files.writeString(codesFile, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (pairsFile != null) {
      var pairs = new StringBuilder();
      for (int i = 0; i < n; i++) {
        pairs.append(codes[i]).append('\t').append(targets[i]).append('\n');
      }
      Files.writeString(pairsFile, pairs, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.out.println(run.line());
  }
}
