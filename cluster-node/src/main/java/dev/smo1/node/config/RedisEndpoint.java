package dev.smo1.node.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One Redis the node connects to: its URL ({@code redis://host:port}, or {@code rediss://} for
 * TLS), the AUTH password when the URL carries none (so the URL can sit in a ConfigMap and the
 * password in a Secret), and the PEM file of the CA that signed the server's certificate ({@code
 * rediss://} to a private CA; empty: the JVM's trusted CAs).
 */
public record RedisEndpoint(String url, String password, Optional<Path> caFile) {

  /**
   * The endpoint at {@code path} of {@code smo1} ({@code url}, {@code password}), with the CA file
   * of {@code smo1.redis.ca-file}; empty when no URL is set.
   */
  static Optional<RedisEndpoint> from(Config smo1, String path, String urlVariable) {
    Config redis = smo1.getConfig(path);
    if (!redis.hasPath("url") || redis.getString("url").isBlank()) {
      return Optional.empty();
    }
    String url = redis.getString("url").strip();
    String scheme = URI.create(url).getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalStateException(
          urlVariable + " must be a redis:// or rediss:// URL, was: " + redacted(url));
    }
    String ca = smo1.getString("redis.ca-file");
    return Optional.of(
        new RedisEndpoint(
            url,
            redis.getString("password"),
            ca.isBlank() ? Optional.empty() : Optional.of(Path.of(ca))));
  }

  public boolean tls() {
    return url.startsWith("rediss:");
  }

  /** The URL without any password it carries (for logs). */
  static String redacted(String url) {
    return url.replaceFirst("//[^@/]*@", "//***@");
  }

  @Override
  public String toString() {
    return "RedisEndpoint[url="
        + redacted(url)
        + ", password="
        + (password.isEmpty() ? "none" : "redacted")
        + ", caFile="
        + caFile
        + "]";
  }
}
