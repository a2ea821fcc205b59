package dev.smo1.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import dev.smo1.accounts.audit.RequestOrigin;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The request's origin for the audit log: the connection's remote address (the server records it:
 * {@code remote-address-attribute = on}), never a forwarded header, which a client can write itself
 * (trusting one from known proxies is a deployment setting for later), and the user agent.
 */
public final class RequestOrigins {
  private RequestOrigins() {}

  public static Route origin(Function<RequestOrigin, Route> inner) {
    return extractRequest(
        request ->
            inner.apply(
                RequestOrigin.of(
                    request
                        .getAttribute(AttributeKeys.remoteAddress)
                        .flatMap(RemoteAddress::getAddress)
                        .orElse(null),
                    request.getHeader("User-Agent").map(header -> header.value()).orElse(null))));
  }
}
