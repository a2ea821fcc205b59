package dev.smo1.http;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;

/**
 * HTTP settings, read once from {@code smo1.http}.
 *
 * @param publicBaseUrl how visitors reach this service: short URLs are {@code publicBaseUrl/code}
 * @param authCacheTtl how long a verified (or refused) API key is remembered
 */
public record HttpSettings(
    String host, int port, URI publicBaseUrl, Duration authCacheTtl, Duration permanentMaxAge) {

  public static HttpSettings from(Config config) {
    Config http = config.getConfig("smo1.http");
    String base = http.getString("public-base-url");
    URI publicBaseUrl =
        URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    if (publicBaseUrl.getScheme() == null || publicBaseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "smo1.http.public-base-url (SMO1_PUBLIC_BASE_URL) must be an absolute URL, was: " + base);
    }
    return new HttpSettings(
        http.getString("host"),
        http.getInt("port"),
        publicBaseUrl,
        http.getDuration("auth-cache-ttl"),
        http.getDuration("permanent-redirect-max-age"));
  }

  public String shortUrl(String code) {
    return publicBaseUrl + "/" + code;
  }

  /**
   * These settings for the links of {@code domain} (a custom domain, reached by the same scheme).
   */
  public HttpSettings on(String domain) {
    return new HttpSettings(
        host,
        port,
        java.net.URI.create(publicBaseUrl.getScheme() + "://" + domain),
        authCacheTtl,
        permanentMaxAge);
  }
}
