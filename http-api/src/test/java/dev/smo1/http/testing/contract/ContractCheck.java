package dev.smo1.http.testing.contract;

import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.endpoint.Endpoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Tests only: every answer of the routes it wraps is held to the contract ({@link
 * OpenApiContract}). The route table entry the serving route recorded names the operation; an
 * answer no route recorded was given before any route matched, so it must be an error, checked
 * against the operation its method and path fall under (a 401 for a missing key, say) or, for a
 * path no operation serves, against the one error body. A success no route recorded comes from a
 * route outside the table. Violations are collected here and fail the test that caused them ({@link
 * ContractViolationsExtension}); the answer itself goes out unchanged, so the test's own assertions
 * see what the route answered.
 */
public final class ContractCheck {
  private static final Queue<String> violations = new ConcurrentLinkedQueue<>();
  private static final List<Recording> recordings = new CopyOnWriteArrayList<>();

  /** A request the checked routes answered: the entry of the route that served it, if one did. */
  public record Served(String method, String path, Optional<Endpoint> endpoint, int status) {}

  /** What the checked routes serve while it is open ({@link #recording}). */
  public static final class Recording implements AutoCloseable {
    private final Queue<Served> served = new ConcurrentLinkedQueue<>();

    public List<Served> served() {
      return List.copyOf(served);
    }

    @Override
    public void close() {
      recordings.remove(this);
    }
  }

  private ContractCheck() {}

  /** {@code routes}, each answer checked against the contract. */
  public static Route around(Route routes) {
    return Endpoints.matching(
        (request, match) ->
            mapResponse(
                response -> {
                  // the web apps' pages are no part of the API contract: WebRoutesTest holds them
                  if (!match.webPage()) {
                    violations.addAll(checked(request, match.endpoint(), response));
                  }
                  for (Recording recording : recordings) {
                    recording.served.add(
                        new Served(
                            request.method().name(),
                            request.getUri().path(),
                            match.endpoint(),
                            response.status().intValue()));
                  }
                  return response;
                },
                () -> routes));
  }

  /** Records what the checked routes serve from now until it is closed. */
  public static Recording recording() {
    var recording = new Recording();
    recordings.add(recording);
    return recording;
  }

  /** The violations since the last call, and forgets them. */
  public static List<String> drain() {
    List<String> drained = new ArrayList<>();
    for (String violation = violations.poll(); violation != null; violation = violations.poll()) {
      drained.add(violation);
    }
    return drained;
  }

  /** The violations of an answer; a check that cannot run is one too, never a lost answer. */
  private static List<String> checked(
      HttpRequest request, Optional<Endpoint> served, HttpResponse response) {
    try {
      return violations(request, served, response);
    } catch (RuntimeException e) {
      return List.of(
          "the contract check failed on "
              + request.method().name()
              + " "
              + request.getUri().path()
              + " answered "
              + response.status().intValue()
              + ": "
              + e);
    }
  }

  static List<String> violations(
      HttpRequest request, Optional<Endpoint> served, HttpResponse response) {
    var contract = OpenApiContract.get();
    String method = request.method().name();
    String path = request.getUri().path();
    var answer = answer(response);
    boolean head = request.method().equals(HttpMethods.HEAD);
    if (served.isPresent()) {
      var operation = contract.operation(served.get());
      if (operation.isEmpty()) {
        return List.of(served.get() + " served " + method + " " + path + " but is not in the spec");
      }
      return contract.violations(operation.get(), answer, head);
    }
    if (answer.status() < 400) {
      return List.of(
          method
              + " "
              + path
              + " answered "
              + answer.status()
              + " from a route that is not in the route table (Endpoint)");
    }
    var fallsUnder = Endpoint.match(method, path).flatMap(contract::operation);
    if (fallsUnder.isPresent()) {
      return contract.violations(fallsUnder.get(), answer, head);
    }
    return contract.errorBodyViolations(method + " " + path, answer);
  }

  static OpenApiContract.Answer answer(HttpResponse response) {
    Set<String> headers = new HashSet<>();
    for (HttpHeader header : response.getHeaders()) {
      headers.add(header.lowercaseName());
    }
    HttpEntity entity = response.entity();
    Optional<String> body = Optional.empty();
    Optional<String> mediaType = Optional.empty();
    if (!entity.isKnownEmpty()) {
      mediaType =
          Optional.of(entity.getContentType().mediaType().toString().toLowerCase(Locale.ROOT));
      // a stream (the rebuild's progress, an export) is not read here: its media type and
      // headers are checked, its body is the test's to check
      body =
          entity instanceof HttpEntity.Strict strict
              ? Optional.of(strict.getData().utf8String())
              : Optional.empty();
    }
    return new OpenApiContract.Answer(response.status().intValue(), mediaType, headers, body);
  }
}
