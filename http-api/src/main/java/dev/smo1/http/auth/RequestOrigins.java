package dev.smo1.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.extractClientIP;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import dev.smo1.accounts.audit.RequestOrigin;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The request's origin for the audit log and per-IP limits: the connection's remote address (the
 * server records it: {@code remote-address-attribute = on}), not a forwarded header, which a client
 * can write itself (trusted proxies are a deployment setting for later).
 */
public final class RequestOrigins {
  private RequestOrigins() {}

  public static Route origin(Function<RequestOrigin, Route> inner) {
    return extractClientIP(
        ip ->
            optionalHeaderValueByName(
                "User-Agent",
                agent ->
                    inner.apply(
                        RequestOrigin.of(ip.getAddress().orElse(null), agent.orElse(null)))));
  }
}
