package dev.smo1.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.smo1.http.endpoint.Endpoint;
import dev.smo1.http.testing.contract.ContractCheck;
import dev.smo1.node.testing.TestNodes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every entry of the route table is served on a running node by the route that declares it: a
 * request for its method and its template (path parameters filled with plausible values) is
 * recorded as served by that entry, so it was not the "no such route" 404 or 405, and the template
 * is where the route really is. With a browser session for the calls only sessions make, the
 * bootstrap key (every scope, platform admin) for the others; every answer is held to the contract
 * as in every node test.
 */
class RouteTableProbeIT {
  @RegisterExtension static final GreenMailExtension mail = AccountsTestNode.greenMail();

  /** Only sessions call these (keys get 403 before the route is reached). */
  private static final Set<Endpoint> SESSION_ONLY =
      EnumSet.of(
          Endpoint.GET_ME,
          Endpoint.DELETE_ACCOUNT,
          Endpoint.CHANGE_PASSWORD,
          Endpoint.CHANGE_EMAIL,
          Endpoint.LOG_OUT_EVERYWHERE,
          Endpoint.LOG_OUT);

  /** These end the session: probed last. */
  private static final List<Endpoint> LAST = List.of(Endpoint.LOG_OUT_EVERYWHERE, Endpoint.LOG_OUT);

  private static AccountsTestNode node;

  @BeforeAll
  static void start() {
    node = new AccountsTestNode(mail, Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void everyEntryIsServedByTheRouteThatDeclaresIt() {
    var session = node.signUpAndLogIn("probe@routes.test", "Probe");
    List<Endpoint> order = new ArrayList<>(List.of(Endpoint.values()));
    order.sort(Comparator.comparingInt(LAST::indexOf));
    List<String> unserved = new ArrayList<>();

    for (Endpoint endpoint : order) {
      String path = filled(endpoint.template());
      assertThat(Endpoint.match(endpoint.method().name(), path))
          .as("the table's own match of " + path)
          .contains(endpoint);
      String body = hasBody(endpoint) ? "{}" : null;
      try (var recording = ContractCheck.recording()) {
        var response =
            SESSION_ONLY.contains(endpoint)
                ? node.browser(session, endpoint.method().name(), path, body)
                : node.withKey(TestNodes.OWNER_KEY, endpoint.method().name(), path, body);
        var served =
            recording.served().stream()
                .filter(answer -> answer.path().equals(path))
                .map(ContractCheck.Served::endpoint)
                .toList();
        if (!served.equals(List.of(java.util.Optional.of(endpoint)))) {
          unserved.add(
              endpoint
                  + ": "
                  + endpoint.method().name()
                  + " "
                  + path
                  + " answered "
                  + response.statusCode()
                  + " "
                  + response.body()
                  + ", served by "
                  + served);
        }
      }
    }

    assertThat(unserved).as("entries not served by their route").isEmpty();
  }

  /** The template with plausible values: the bootstrap key's workspace, unknown ids and codes. */
  private static String filled(String template) {
    return template
        .replace("{code}", "probe-code")
        .replace("{slug}", TestNodes.OWNER)
        .replace("{userId}", UUID.nameUUIDFromBytes("member".getBytes()).toString())
        .replace("{keyId}", UUID.nameUUIDFromBytes("key".getBytes()).toString())
        .replace("{domain}", "probe.example.test")
        .replace("{webhookId}", UUID.nameUUIDFromBytes("webhook".getBytes()).toString())
        .replace("{deliveryId}", "msg_probe")
        .replace("{reportId}", UUID.nameUUIDFromBytes("report".getBytes()).toString());
  }

  /** Calls that read a JSON body get an empty object (most then refuse it: still their route). */
  private static boolean hasBody(Endpoint endpoint) {
    return switch (endpoint.method().name()) {
      case "POST", "PATCH" -> true;
      case "DELETE" -> endpoint == Endpoint.DELETE_ACCOUNT;
      default -> false;
    };
  }
}
