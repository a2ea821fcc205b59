package dev.smo1.clicks;

import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Inserts as plain HTTP POSTs to ClickHouse's HTTP interface: {@code INSERT INTO <table> FORMAT
 * JSONEachRow} in the URL, the rows as the body, HTTP Basic authentication, the database and query
 * id as URL parameters. A refusal is read from the {@code X-ClickHouse-Exception-Code} header
 * (current servers) or from the body's {@code Code: <n>} (18.16), and fails the insert with a
 * {@link ServerException} carrying that code and the server's message.
 */
final class ClickHouseInserts implements AutoCloseable {
  private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");
  private static final int MAX_MESSAGE = 2_000;

  private final URI endpoint;
  private final String authorization;
  private final String database;
  private final Duration timeout;
  private final HttpClient http;

  ClickHouseInserts(
      String url,
      String user,
      String password,
      String database,
      Duration timeout,
      Optional<Path> caFile) {
    this.endpoint = URI.create(url.endsWith("/") ? url : url + "/");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (user + ":" + (password == null ? "" : password))
                        .getBytes(StandardCharsets.UTF_8));
    this.database = database;
    this.timeout = timeout;
    var builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    caFile.ifPresent(ca -> builder.sslContext(trusting(ca)));
    this.http = builder.build();
  }

  CompletableFuture<Void> insert(String table, byte[] jsonLines, String queryId) {
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("not a plain table name: " + table);
    }
    StringBuilder query =
        new StringBuilder("?database=")
            .append(encode(database))
            .append("&query=")
            .append(encode("INSERT INTO " + table + " FORMAT JSONEachRow"));
    if (queryId != null) {
      query.append("&query_id=").append(encode(queryId));
    }
    var request =
        HttpRequest.newBuilder(endpoint.resolve(query.toString()))
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(jsonLines))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(
            response -> {
              String body = read(response.body());
              if (response.statusCode() != 200) {
                throw refusal(response, body);
              }
              return null;
            });
  }

  private static ServerException refusal(HttpResponse<?> response, String body) {
    String message = body.strip();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    int code =
        response
            .headers()
            .firstValue("X-ClickHouse-Exception-Code")
            .map(ClickHouseInserts::number)
            .orElseGet(
                () -> {
                  Matcher found = CODE.matcher(body);
                  return found.find() ? number(found.group(1)) : ServerException.CODE_UNKNOWN;
                });
    if (!message.startsWith("Code:")) {
      message = "Code: " + code + ". " + message;
    }
    return new ServerException(
        code, message + " (HTTP " + response.statusCode() + ")", response.statusCode());
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return ServerException.CODE_UNKNOWN;
    }
  }

  /** The response, at most {@link #MAX_MESSAGE} times four bytes of it; the rest is drained. */
  private static String read(InputStream body) {
    try (body) {
      byte[] start = body.readNBytes(MAX_MESSAGE * 4);
      body.transferTo(java.io.OutputStream.nullOutputStream());
      return new String(start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** TLS that trusts the CA certificates of a PEM file alone. */
  private static SSLContext trusting(Path caFile) {
    try (InputStream pem = Files.newInputStream(caFile)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new IllegalStateException("no certificate in the ClickHouse CA file " + caFile);
      }
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the ClickHouse CA file " + caFile, e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
