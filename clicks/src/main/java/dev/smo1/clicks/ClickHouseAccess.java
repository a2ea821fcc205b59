package dev.smo1.clicks;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * ClickHouse over its HTTP interface. Queries go through the official Java client (client-v2), set
 * up so it also works against Debian's ClickHouse 18.16: an explicit (empty) password, no
 * compressed responses (18.16's come back empty to this client otherwise), an explicit {@code
 * FORMAT} in every query that returns rows. Inserts are plain HTTP POSTs of JSONEachRow ({@link
 * ClickHouseInserts}): a refused insert then fails with the server's error code on every version
 * (the client reads it only from a header 18.16 does not send).
 */
public final class ClickHouseAccess implements AutoCloseable {
  private final Client client;
  private final ClickHouseInserts inserts;

  public ClickHouseAccess(String url, String user, String password, Duration timeout) {
    this(url, user, password, "default", timeout);
  }

  public ClickHouseAccess(
      String url, String user, String password, String database, Duration timeout) {
    this(url, user, password, database, timeout, Optional.empty());
  }

  /**
   * @param caFile over HTTPS, the PEM file of the CA that signed the server's certificate; empty:
   *     the JVM's trusted CAs
   */
  public ClickHouseAccess(
      String url,
      String user,
      String password,
      String database,
      Duration timeout,
      Optional<Path> caFile) {
    var builder = new Client.Builder();
    caFile.ifPresent(ca -> builder.setRootCertificate(ca.toString()));
    this.client =
        builder
            .addEndpoint(url)
            .setDefaultDatabase(database)
            // 18.16 ignores the X-ClickHouse-Database header the line above sends; the URL
            // parameter works on every version
            .serverSetting("database", database)
            .setUsername(user)
            .setPassword(password == null ? "" : password)
            .compressServerResponse(false)
            .setConnectTimeout(5, ChronoUnit.SECONDS)
            .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
            .build();
    this.inserts = new ClickHouseInserts(url, user, password, database, timeout, caFile);
  }

  /** Runs a statement or a query; returns its output as text ({@code ""} for statements). */
  public CompletableFuture<String> text(String sql) {
    return client
        .query(sql)
        .thenApply(
            response -> {
              try (response;
                  var body = response.getInputStream()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
  }

  /**
   * Runs a query and answers its output as a stream, read as the server sends it (nothing buffered
   * here); closing the stream ends the response.
   */
  public CompletableFuture<java.io.InputStream> stream(String sql) {
    return client
        .query(sql)
        .thenApply(
            response ->
                new java.io.FilterInputStream(response.getInputStream()) {
                  @Override
                  public void close() throws java.io.IOException {
                    try {
                      super.close();
                    } finally {
                      try {
                        response.close();
                      } catch (Exception e) {
                        throw new java.io.IOException(e);
                      }
                    }
                  }
                });
  }

  /** Inserts rows given as JSON objects, one per line ({@code JSONEachRow}). */
  public CompletableFuture<Void> insertJsonRows(String table, String jsonLines) {
    return insertJsonRows(table, jsonLines.getBytes(StandardCharsets.UTF_8), null);
  }

  /**
   * Inserts rows given as JSON objects, one per line, under a query id when one is given: the
   * server refuses a second query under an id that is still running, so a retry cannot overlap an
   * insert that is still under way after its client gave up waiting. A refusal fails with a {@link
   * com.clickhouse.client.api.ServerException} carrying the server's error code.
   */
  public CompletableFuture<Void> insertJsonRows(String table, byte[] jsonLines, String queryId) {
    return inserts.insert(table, jsonLines, queryId);
  }

  @Override
  public void close() {
    client.close();
    inserts.close();
  }
}
