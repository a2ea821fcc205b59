package dev.smo1.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Click ingest, end to end, next to a reference: the same number of clicks either
 *
 * <ul>
 *   <li>{@code pipeline}: posted as signed edge batches (1,000 clicks each, the edge's largest) to
 *       {@code POST /internal/clicks} over C connections, then buffered in Redis, read, enriched
 *       and inserted by the node's consumer; timed from the first post until ClickHouse holds them
 *       all (queryable);
 *   <li>{@code direct}: the same kind of rows, fully formed, inserted straight into the same
 *       ClickHouse table (same views) over its HTTP interface in batches of the consumer's size
 *       (10,000), one after the other as the consumer does; timed the same way.
 * </ul>
 *
 * <p>Usage: {@code IngestLoad pipeline <baseUrl> <secret> <clickHouseUrl> <domain> <codesFile> <n>
 * <connections>} or {@code IngestLoad direct <clickHouseUrl> <owner> <domain> <codesFile> <n>
 * <batch>}; prints one {@code RUN clicks_per_s=… seconds=…} line. {@code IngestLoad paced <baseUrl>
 * <secret> <domain> <codesFile> <clicks/s> <seconds>} is a steady background load instead.
 */
public final class IngestLoad {
  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  };
  static final String[][] READINGS = {
    {"Desktop", "Chrome", "Windows NT", "0"},
    {"Phone", "Safari", "iOS", "0"},
    {"Phone", "Chrome", "Android", "0"},
    {"Desktop", "Safari", "Mac OS", "0"},
    {"Desktop", "Firefox", "Linux", "0"},
    {"Robot", "Googlebot", "Google Cloud", "1"},
  };
  static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "IN", "BR", "JP", "NL", "SE", "ES"};
  static final String[] REFERRERS = {
    "", "https://t.co/x", "https://www.google.com/", "https://news.ycombinator.com/", ""
  };
  static final String[] SOURCES = {"", "newsletter", "twitter", ""};
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private IngestLoad() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "pipeline" ->
          pipeline(
              URI.create(args[1]),
              args[2],
              URI.create(args[3]),
              args[4],
              Files.readAllLines(Path.of(args[5])),
              Integer.parseInt(args[6]),
              Integer.parseInt(args[7]));
      case "direct" ->
          direct(
              URI.create(args[1]),
              args[2],
              args[3],
              Files.readAllLines(Path.of(args[4])),
              Integer.parseInt(args[5]),
              Integer.parseInt(args[6]));
      case "paced" ->
          paced(
              URI.create(args[1]),
              args[2],
              args[3],
              Files.readAllLines(Path.of(args[4])),
              Integer.parseInt(args[5]),
              Integer.parseInt(args[6]),
              100);
      default -> throw new IllegalArgumentException("pipeline, direct or paced, not " + args[0]);
    }
  }

  private static void pipeline(
      URI base, String secret, URI clickHouse, String domain, List<String> codes, int n, int c)
      throws Exception {
    var random = new SplittableRandom(n);
    List<String> bodies = new ArrayList<>();
    String at = Instant.now().toString();
    for (int made = 0; made < n; made += 1_000) {
      bodies.add(edgeBatch(random, domain, codes, Math.min(1_000, n - made), at));
    }
    long before = count(clickHouse);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(c);
    try {
      List<Future<Integer>> posts = new ArrayList<>();
      for (String body : bodies) {
        posts.add(pool.submit(() -> post(base, secret, body)));
      }
      for (Future<Integer> post : posts) {
        int status = post.get();
        if (status != 202) {
          throw new IllegalStateException("a batch was answered " + status);
        }
      }
    } finally {
      pool.shutdown();
    }
    double acknowledged = (System.nanoTime() - start) / 1e9;
    awaitCount(clickHouse, before + n);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "RUN clicks_per_s=%.1f seconds=%.3f acknowledged_s=%.3f%n",
        n / seconds, seconds, acknowledged);
  }

  /**
   * Signed edge batches of {@code size} clicks, {@code rate} clicks a second for {@code seconds} (a
   * steady background load); prints how many were acknowledged.
   */
  private static void paced(
      URI base, String secret, String domain, List<String> codes, int rate, int seconds, int size)
      throws Exception {
    var random = new SplittableRandom(rate);
    long interval = 1_000_000_000L * size / rate;
    long next = System.nanoTime();
    long end = next + seconds * 1_000_000_000L;
    long acknowledged = 0;
    while (next < end) {
      String body = edgeBatch(random, domain, codes, size, Instant.now().toString());
      if (post(base, secret, body) == 202) {
        acknowledged += size;
      }
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    System.out.printf("RUN acknowledged=%d%n", acknowledged);
  }

  /** One signed-batch body of {@code size} edge clicks on random links of {@code codes}. */
  static String edgeBatch(
      SplittableRandom random, String domain, List<String> codes, int size, String at) {
    var clicks = new StringBuilder("{\"format\":1,\"clicks\":[");
    for (int i = 0; i < size; i++) {
      int agent = random.nextInt(USER_AGENTS.length);
      String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
      String source = SOURCES[random.nextInt(SOURCES.length)];
      clicks
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(UUID.randomUUID())
          .append("\",\"domain\":\"")
          .append(domain)
          .append("\",\"code\":\"")
          .append(codes.get(random.nextInt(codes.size())))
          .append("\",\"at\":\"")
          .append(at)
          .append("\",\"source\":\"edge\",\"country\":\"")
          .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
          .append("\",\"colo\":\"FRA\",\"referrer\":")
          .append(referrer.isEmpty() ? "null" : "\"" + referrer + "\"")
          .append(",\"userAgent\":\"")
          .append(USER_AGENTS[agent])
          .append("\",\"query\":\"")
          .append(source.isEmpty() ? "" : "?utm_source=" + source)
          .append("\",\"visitor\":\"")
          .append("%016x%016x".formatted(random.nextLong(200_000), 0))
          .append("\"}");
    }
    return clicks.append("]}").toString();
  }

  private static void direct(
      URI clickHouse, String owner, String domain, List<String> codes, int n, int batch)
      throws Exception {
    var random = new SplittableRandom(n);
    String ts = DATE_TIME.format(Instant.now());
    List<byte[]> batches = new ArrayList<>();
    for (int made = 0; made < n; made += batch) {
      var rows = new StringBuilder(batch * 700);
      for (int i = 0; i < Math.min(batch, n - made); i++) {
        int agent = random.nextInt(USER_AGENTS.length);
        String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
        String[] reading = READINGS[agent];
        rows.append("{\"event_id\":\"")
            .append(UUID.randomUUID())
            .append("\",\"ts\":\"")
            .append(ts)
            .append("\",\"owner\":\"")
            .append(owner)
            .append("\",\"domain\":\"")
            .append(domain)
            .append("\",\"code\":\"")
            .append(codes.get(random.nextInt(codes.size())))
            .append("\",\"source\":\"edge\",\"country\":\"")
            .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
            .append("\",\"colo\":\"FRA\",\"referrer\":\"")
            .append(referrer)
            .append("\",\"referrer_host\":\"")
            .append(referrer.isEmpty() ? "" : URI.create(referrer).getHost().replace("www.", ""))
            .append("\",\"utm_source\":\"")
            .append(SOURCES[random.nextInt(SOURCES.length)])
            .append("\",\"utm_medium\":\"\",\"utm_campaign\":\"\",\"utm_term\":\"\",")
            .append("\"utm_content\":\"\",\"device\":\"")
            .append(reading[0])
            .append("\",\"browser\":\"")
            .append(reading[1])
            .append("\",\"os\":\"")
            .append(reading[2])
            .append("\",\"is_bot\":")
            .append(reading[3])
            .append(",\"visitor\":")
            .append(random.nextLong(200_000))
            .append(",\"user_agent\":\"")
            .append(USER_AGENTS[agent])
            .append("\",\"received_at\":\"")
            .append(ts)
            .append("\"}\n");
      }
      batches.add(rows.toString().getBytes(StandardCharsets.UTF_8));
    }
    long before = count(clickHouse);
    long start = System.nanoTime();
    for (byte[] rows : batches) {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(
                      clickHouse.resolve("/?query=INSERT%20INTO%20clicks%20FORMAT%20JSONEachRow"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(rows))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("insert failed: " + response.body());
      }
    }
    awaitCount(clickHouse, before + n);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("RUN clicks_per_s=%.1f seconds=%.3f%n", n / seconds, seconds);
  }

  private static int post(URI base, String secret, String body) throws Exception {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    for (int attempt = 1; ; attempt++) {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("/internal/clicks"))
                  .header("Content-Type", "application/json")
                  .header("X-SMO1-Timestamp", timestamp)
                  .header("X-SMO1-Signature", "v1=" + signature)
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 503 || attempt == 5) {
        return response.statusCode();
      }
      Thread.sleep(200);
    }
  }

  static long count(URI clickHouse) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(clickHouse.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT count() FROM clicks"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Long.parseLong(response.body().strip());
  }

  private static void awaitCount(URI clickHouse, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (count(clickHouse) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("ClickHouse never reached " + expected + " clicks");
      }
      Thread.sleep(20);
    }
  }
}
