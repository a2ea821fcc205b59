package dev.smo1.http.openapi;

import static dev.smo1.http.endpoint.Endpoints.endpoint;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI contract, {@code contract/openapi.yaml} of
 * the repository (on the classpath, see this module's pom), as JSON: converted once per JVM and
 * answered from memory, anonymously. Cached by clients and proxies for {@link #MAX_AGE}: a rolling
 * update may serve two versions side by side for that long.
 */
public final class OpenApiRoutes {
  /** Where the contract is on the classpath. */
  public static final String RESOURCE = "contract/openapi.yaml";

  static final Duration MAX_AGE = Duration.ofMinutes(5);

  private final HttpResponse response =
      HttpResponse.create()
          .withStatus(StatusCodes.OK)
          .addHeader(
              CacheControl.create(
                  CacheDirectives.PUBLIC, CacheDirectives.MAX_AGE(MAX_AGE.toSeconds())))
          .withEntity(ContentTypes.APPLICATION_JSON, Document.JSON);

  /** Under {@code /api/v1}, before authentication. */
  public Route routes() {
    return path("openapi.json", () -> endpoint(Endpoint.GET_OPEN_API, () -> complete(response)));
  }

  /** The contract as a JSON tree (read from the classpath each call). */
  public static JsonNode contract() {
    try (InputStream yaml = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Read on first use: a node that cannot read its contract fails as it builds its routes. */
  private static final class Document {
    static final byte[] JSON = Json.write(contract());
  }
}
