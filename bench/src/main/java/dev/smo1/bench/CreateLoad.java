package dev.smo1.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates N links through the API over C kept-alive connections (closed loop, one request in flight
 * per connection, like wrk), records each request's latency, fails on any answer but 201, and
 * appends the created codes to a file (the redirect scenario's input).
 *
 * <p>Usage: {@code CreateLoad <baseUrl> <apiKey> <n> <concurrency> <codesFile> <runTag> [pairsFile]
 * [aliasesFile]}; the optional pairs file gets {@code code<TAB>target} lines; with an aliases file
 * (such pairs), the links are made under those codes with those targets instead, and {@code n} is
 * its number of lines (another node seeded with the same links).
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
    Path pairsFile = args.length > 6 && !args[6].isEmpty() ? Path.of(args[6]) : null;
    List<String> aliases = args.length > 7 ? Files.readAllLines(Path.of(args[7])) : List.of();
    if (!aliases.isEmpty()) {
      n = aliases.size();
    }

    String[] codes = new String[n];
    String[] targets = new String[n];
    Run run =
        ClosedLoop.run(
            base,
            n,
            concurrency,
            "created",
            (http, i) -> {
              String alias = null;
              if (aliases.isEmpty()) {
                targets[i] = "https://example.com/bench/" + runTag + "/" + i;
              } else {
                String[] pair = aliases.get(i).split("\t", 2);
                alias = pair[0];
                targets[i] = pair[1];
              }
              String body =
                  "{\"target\":\""
                      + targets[i]
                      + "\","
                      + (alias == null ? "" : "\"alias\":\"" + alias + "\",")
                      + "\"tags\":[\"bench\"]}";
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
