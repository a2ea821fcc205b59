package dev.smo1.bench;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 100 links made with one {@code POST /api/v1/links/bulk} against the same 100 made with 100 {@code
 * POST /api/v1/links} calls, one after another on one kept-alive connection (a script importing its
 * links the plain way), the two alternating which goes first each round. Prints one {@code RUN}
 * line per round: both wall times, and the errors of each side (an answer but 201 to a single
 * create, a result not ok in the bulk answer, or a bulk answer but 200).
 *
 * <p>Usage: {@code BulkLoad <baseUrl> <apiKey> <rounds> <items> <runTag>}
 */
public final class BulkLoad {
  private static final Pattern OK = Pattern.compile("\"ok\":true");

  private BulkLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String authorization = "Bearer " + args[1];
    int rounds = Integer.parseInt(args[2]);
    int items = Integer.parseInt(args[3]);
    String tag = args[4];
    try (var http = new KeepAliveHttp(base)) {
      for (int round = 1; round <= rounds; round++) {
        String prefix = tag + "/" + round;
        long singleNanos;
        long bulkNanos;
        int[] singleErrors = new int[1];
        int[] bulkErrors = new int[1];
        if (round % 2 == 1) {
          singleNanos = singles(http, authorization, prefix, items, singleErrors);
          bulkNanos = bulk(http, authorization, prefix, items, bulkErrors);
        } else {
          bulkNanos = bulk(http, authorization, prefix, items, bulkErrors);
          singleNanos = singles(http, authorization, prefix, items, singleErrors);
        }
        System.out.printf(
            Locale.ROOT,
            "RUN round=%d items=%d single_ms=%.1f bulk_ms=%.1f single_errors=%d bulk_errors=%d%n",
            round,
            items,
            singleNanos / 1e6,
            bulkNanos / 1e6,
            singleErrors[0],
            bulkErrors[0]);
      }
    }
  }

  private static long singles(
      KeepAliveHttp http, String authorization, String prefix, int items, int[] errors)
      throws Exception {
    long started = System.nanoTime();
    for (int i = 0; i < items; i++) {
      var response = http.post("/api/v1/links", authorization, link(prefix + "/single/" + i));
      if (response.status() != 201) {
        errors[0]++;
      }
    }
    return System.nanoTime() - started;
  }

  private static long bulk(
      KeepAliveHttp http, String authorization, String prefix, int items, int[] errors)
      throws Exception {
    var body = new StringBuilder("{\"links\":[");
    for (int i = 0; i < items; i++) {
      body.append(i == 0 ? "" : ",").append(link(prefix + "/bulk/" + i));
    }
    body.append("]}");
    long started = System.nanoTime();
    var response = http.post("/api/v1/links/bulk", authorization, body.toString());
    long took = System.nanoTime() - started;
    if (response.status() != 200) {
      errors[0] += items;
    } else {
      errors[0] += items - (int) OK.matcher(response.body()).results().count();
    }
    return took;
  }

  private static String link(String path) {
    return "{\"target\":\"https://example.com/bench/" + path + "\",\"tags\":[\"bench\"]}";
  }
}
