package dev.smo1.http.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.openapi.OpenApiRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI contract ({@code contract/openapi.yaml}, from the classpath as the node serves it),
 * read for tests: its operations by method and path template, and whether an answer is one of them
 * (status documented, media type documented, required headers present, JSON body valid against the
 * schema of its operation and status, by a JSON Schema 2020-12 validator in the OpenAPI 3.1
 * dialect, formats asserted).
 */
public final class OpenApiContract {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final String DOCUMENT = "classpath:" + OpenApiRoutes.RESOURCE;
  private static final OpenApiContract INSTANCE = new OpenApiContract(OpenApiRoutes.contract());

  /** An operation of the spec. */
  public record Operation(String method, String template, String operationId, String pointer) {
    @Override
    public String toString() {
      return operationId + " (" + method + " " + template + ")";
    }
  }

  /** An answer as the contract sees it: status, media type, header names, body. */
  public record Answer(
      int status, Optional<String> mediaType, Set<String> headerNames, Optional<String> body) {}

  private final JsonNode root;
  private final Map<String, Operation> operations = new LinkedHashMap<>();
  private final SchemaRegistry schemas =
      SchemaRegistry.withDialect(
          Dialects.getOpenApi31(),
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private final Map<String, Schema> schemaByPointer = new ConcurrentHashMap<>();

  private OpenApiContract(JsonNode root) {
    this.root = root;
    for (var path : root.path("paths").properties()) {
      for (var method : path.getValue().properties()) {
        if (METHODS.contains(method.getKey())) {
          var operation =
              new Operation(
                  method.getKey().toUpperCase(Locale.ROOT),
                  path.getKey(),
                  method.getValue().path("operationId").asText(null),
                  "/paths/" + escape(path.getKey()) + "/" + method.getKey());
          operations.put(operation.method() + " " + operation.template(), operation);
        }
      }
    }
  }

  public static OpenApiContract get() {
    return INSTANCE;
  }

  /** Every operation, keyed {@code "METHOD /template"}. */
  public Map<String, Operation> operations() {
    return operations;
  }

  public Optional<Operation> operation(Endpoint endpoint) {
    return Optional.ofNullable(operations.get(endpoint.toString()));
  }

  /** The document as a tree. */
  public JsonNode document() {
    return root;
  }

  /** What is wrong with {@code answer} as an answer of {@code operation}; empty when nothing. */
  public List<String> violations(Operation operation, Answer answer, boolean head) {
    List<String> violations = new ArrayList<>();
    JsonNode responses = at(operation.pointer() + "/responses");
    String status = Integer.toString(answer.status());
    if (!responses.has(status)) {
      violations.add(
          operation + " answered " + status + ", which it does not document: " + names(responses));
      return violations;
    }
    String responsePointer = operation.pointer() + "/responses/" + status;
    JsonNode response = at(responsePointer);
    if (response.has("$ref")) {
      responsePointer = response.get("$ref").asText().substring(1);
      response = at(responsePointer);
    }
    for (var header : response.path("headers").properties()) {
      JsonNode definition = resolved(header.getValue());
      if (definition.path("required").asBoolean(false)
          && !answer.headerNames().contains(header.getKey().toLowerCase(Locale.ROOT))) {
        violations.add(operation + " answered " + status + " without header " + header.getKey());
      }
    }
    JsonNode content = response.path("content");
    // a streamed body has its media type but no body read here
    if (head || answer.mediaType().isEmpty()) {
      if (!head && !content.isMissingNode() && !content.isEmpty()) {
        violations.add(
            operation + " answered " + status + " without a body; documented: " + names(content));
      }
      return violations;
    }
    String mediaType = answer.mediaType().orElse("none");
    if (!content.has(mediaType)) {
      violations.add(
          operation
              + " answered "
              + status
              + " with "
              + mediaType
              + ", documented: "
              + (content.isEmpty() ? "no body" : names(content)));
      return violations;
    }
    if (mediaType.equals("application/json") && answer.body().isPresent()) {
      String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
      for (var error : schema(schemaPointer).validate(answer.body().get(), InputFormat.JSON)) {
        violations.add(operation + " answered " + status + " with a body off its schema: " + error);
      }
    }
    return violations;
  }

  /**
   * What is wrong with an error answer of a path no operation serves (404 for an unknown path, 405,
   * 401 before routing): its body must still be the one error body.
   */
  public List<String> errorBodyViolations(String request, Answer answer) {
    List<String> violations = new ArrayList<>();
    if (answer.body().isEmpty()) {
      return violations;
    }
    if (!answer.mediaType().orElse("").equals("application/json")) {
      violations.add(request + " answered " + answer.status() + " with " + answer.mediaType());
      return violations;
    }
    for (var error :
        schema("/components/schemas/Error").validate(answer.body().get(), InputFormat.JSON)) {
      violations.add(request + " answered " + answer.status() + " off the error body: " + error);
    }
    return violations;
  }

  private Schema schema(String pointer) {
    return schemaByPointer.computeIfAbsent(
        pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + p)));
  }

  private JsonNode resolved(JsonNode node) {
    return node.has("$ref") ? at(node.get("$ref").asText().substring(1)) : node;
  }

  private JsonNode at(String pointer) {
    JsonNode node = root.at(pointer);
    if (node.isMissingNode()) {
      throw new IllegalStateException("the contract has nothing at " + pointer);
    }
    return node;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A JSON pointer token: {@code ~} and {@code /} escaped. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
