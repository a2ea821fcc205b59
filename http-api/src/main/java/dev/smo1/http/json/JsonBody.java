package dev.smo1.http.json;

import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Reads a JSON request body: {@code application/json} only (else 415), at most {@link #MAX_BYTES}
 * (else 413), well-formed (else 400 {@code malformed_json}), matching the target type exactly (400
 * {@code unknown_field} / {@code invalid_type}). Errors are {@link ApiException}s, rendered by the
 * API's exception handler.
 */
public final class JsonBody {
  public static final long MAX_BYTES = 64 * 1024;
  private static final long READ_TIMEOUT_MILLIS = 10_000;

  private JsonBody() {}

  public static <T> Route as(Class<T> type, Function<T, Route> inner) {
    return tree(node -> inner.apply(convert(node, type)));
  }

  /** The body as a JSON tree, for PATCH bodies where absent and {@code null} differ. */
  public static Route tree(Function<JsonNode, Route> inner) {
    return bytes(MAX_BYTES, body -> inner.apply(parse(body)));
  }

  /**
   * The raw bytes of a JSON body of at most {@code maxBytes} (413 beyond, 415 for another content
   * type), for callers that must check them before parsing (signatures); then {@link #parse}.
   */
  public static Route bytes(long maxBytes, Function<byte[], Route> inner) {
    return withSizeLimit(
        maxBytes,
        () ->
            extractRequestEntity(
                entity -> {
                  requireJson(entity);
                  return extractMaterializer(
                      materializer ->
                          onSuccess(
                              entity.toStrict(READ_TIMEOUT_MILLIS, materializer),
                              strict -> inner.apply(strict.getData().toArray())));
                }));
  }

  private static void requireJson(HttpEntity entity) {
    if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
      throw new ApiException(
          StatusCodes.UNSUPPORTED_MEDIA_TYPE,
          ApiError.of(
              HttpErrorCodes.UNSUPPORTED_MEDIA_TYPE,
              "request body must be application/json, not " + entity.getContentType()));
    }
  }

  /** One JSON object, or 400 {@code malformed_json}. */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest(HttpErrorCodes.MALFORMED_JSON, "request body is empty", null);
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest(
            HttpErrorCodes.MALFORMED_JSON, "request body must be a JSON object", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          HttpErrorCodes.MALFORMED_JSON, "request body is not valid JSON", null);
    } catch (IOException e) {
      throw ApiException.badRequest(HttpErrorCodes.MALFORMED_JSON, "request body unreadable", null);
    }
  }

  /** {@code node} as {@code type}, exactly (400 {@code unknown_field} / {@code invalid_type}). */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(
          HttpErrorCodes.UNKNOWN_FIELD,
          "unknown field '" + e.getPropertyName() + "'",
          e.getPropertyName());
    } catch (MismatchedInputException e) {
      String field = fieldOf(e);
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_TYPE,
          field == null ? "wrong JSON type" : "field '" + field + "' has the wrong JSON type",
          field);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          HttpErrorCodes.MALFORMED_JSON, "request body is not valid JSON", fieldOf(e));
    }
  }

  private static String fieldOf(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      return mapping.getPath().get(0).getFieldName();
    }
    return null;
  }
}
