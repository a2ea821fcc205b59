package dev.smo1.node.testing;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;
import org.apache.pekko.remote.RARP;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import scala.jdk.javaapi.FutureConverters;

/**
 * Test only: cuts and heals this node's Artery links to other members ({@code POST
 * /test/network/blackhole?address=pekko://smo1@host:port}, {@code .../pass-through?address=}),
 * Artery's test mode at work, as Pekko's multi-node tests partition a cluster. Added to a node in a
 * JVM of its own through {@link NodeProcess} system properties; requires {@code
 * pekko.remote.artery.advanced.test-mode = on}. Never on a classpath outside the tests.
 */
public final class NetworkFaultRoutes implements ManagementRouteProvider {
  /** The system properties that put these routes on a node. */
  public static final java.util.Map<String, String> PROPERTIES =
      java.util.Map.of(
          "pekko.remote.artery.advanced.test-mode",
          "on",
          "pekko.management.http.routes.smo1-test-network-faults",
          NetworkFaultRoutes.class.getName());

  /** Scala's {@code Direction.Both} object, which Java source cannot name (nested in an object). */
  private static final ThrottlerTransportAdapter.Direction BOTH = both();

  private final ExtendedActorSystem system;

  private static ThrottlerTransportAdapter.Direction both() {
    try {
      return (ThrottlerTransportAdapter.Direction)
          Class.forName(
                  "org.apache.pekko.remote.transport.ThrottlerTransportAdapter$Direction$Both$")
              .getField("MODULE$")
              .get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  public NetworkFaultRoutes(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return pathPrefix(
        "test",
        () ->
            pathPrefix(
                "network",
                () ->
                    post(
                        () ->
                            parameter(
                                "address",
                                address ->
                                    path(
                                            "blackhole",
                                            () ->
                                                command(
                                                    address,
                                                    ThrottlerTransportAdapter.Blackhole$.MODULE$))
                                        .orElse(
                                            path(
                                                "pass-through",
                                                () ->
                                                    command(
                                                        address,
                                                        ThrottlerTransportAdapter.Unthrottled$
                                                            .MODULE$)))))));
  }

  private Route command(String address, ThrottlerTransportAdapter.ThrottleMode mode) {
    var throttle =
        new ThrottlerTransportAdapter.SetThrottle(AddressFromURIString.parse(address), BOTH, mode);
    CompletionStage<Object> done =
        FutureConverters.asJava(
            ((RARP) RARP.apply(system)).provider().transport().managementCommand(throttle));
    return onSuccess(done, applied -> complete(StatusCodes.NO_CONTENT));
  }
}
