package dev.smo1.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.http.client.Client;
import dev.smo1.http.client.ClientAddresses;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The request's origin for the audit log: the client's address by the node's one rule ({@link
 * ClientAddresses}: the connection's, or what a trusted proxy reports; a forwarded header from
 * anyone else is ignored, since a client can write it itself), and the user agent.
 */
public final class RequestOrigins {
  private RequestOrigins() {}

  public static Route origin(Function<RequestOrigin, Route> inner) {
    return extractRequest(
        request ->
            inner.apply(
                RequestOrigin.of(
                    ClientAddresses.of(request).map(Client::address).orElse(null),
                    request.getHeader("User-Agent").map(header -> header.value()).orElse(null))));
  }
}
