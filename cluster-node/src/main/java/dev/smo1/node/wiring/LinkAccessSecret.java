package dev.smo1.node.wiring;

import com.typesafe.config.Config;
import dev.smo1.link.AccessCookies;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret that signs password-protected links' access cookies ({@code smo1.links.access-secret},
 * {@code SMO1_LINK_ACCESS_SECRET}), shared by every node and the edge Worker. Unset, the node makes
 * one of its own and says so: protected links still work, but a visitor may be asked for the
 * password again on another node, and the edge cannot let anyone through.
 */
public final class LinkAccessSecret {
  private static final Logger log = LoggerFactory.getLogger(LinkAccessSecret.class);
  private static final String PATH = "smo1.links.access-secret";
  private static final int MIN_LENGTH = 16;

  private LinkAccessSecret() {}

  public static AccessCookies cookies(Config config) {
    if (config.hasPath(PATH) && !config.getString(PATH).isEmpty()) {
      String secret = config.getString(PATH);
      if (secret.length() < MIN_LENGTH) {
        throw new IllegalStateException(
            PATH + " (SMO1_LINK_ACCESS_SECRET) must be at least " + MIN_LENGTH + " characters");
      }
      return new AccessCookies(secret);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    log.warn(
        "{} (SMO1_LINK_ACCESS_SECRET) is not set: this node signs the access cookies of"
            + " password-protected links with a secret of its own; set the same value on every node"
            + " and as the edge Worker's ACCESS_SECRET",
        PATH);
    return new AccessCookies(HexFormat.of().formatHex(random));
  }
}
