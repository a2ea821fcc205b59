package dev.smo1.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Visits of short links at the origin, as a browser and as a crawler send them through a proxy. */
public final class Visitors {
  public static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Safari/537.36";
  public static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

  private Visitors() {}

  /**
   * Follows {@code path} (a code, with a query if any) as {@code userAgent} from {@code address}
   * behind the trusted proxy 10.0.0.1; asserts the 302.
   */
  public static void visit(ApiClient api, String path, String userAgent, String address) {
    HttpResponse<String> response =
        api.send(
            api.request("/" + path)
                .header("User-Agent", userAgent)
                .header("X-Forwarded-For", address + ", 10.0.0.1")
                .GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
  }
}
