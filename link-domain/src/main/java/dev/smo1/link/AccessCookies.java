package dev.smo1.link;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed cookie a visitor gets for a password-protected link once they gave its password:
 * {@value #NAME}{@code =<expires>.<mac>}, {@code expires} in epoch seconds ({@link #LIFETIME} after
 * it was issued), {@code mac} the unpadded base64url HMAC-SHA256, under the shared secret, of
 * {@code <domain>/<code>|<since>|<expires>}, {@code since} being when the link's password was set
 * (epoch milliseconds): changing the password ends every cookie of the old one. The origin issues
 * and checks it; the edge Worker checks it too ({@code access.ts} in packages/kv-record), so a
 * visitor who gave the password is redirected at the edge (shared fixtures:
 * packages/kv-record/contract/fixtures/access-cookies.json).
 */
public final class AccessCookies {
  public static final String NAME = "smo1_access";
  public static final Duration LIFETIME = Duration.ofHours(24);

  /** Clocks of the origin and the edge may differ this much. */
  static final Duration SKEW = Duration.ofMinutes(1);

  private static final Pattern VALUE = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

  private final SecretKeySpec key;

  public AccessCookies(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the access cookie secret must not be empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The cookie's value for a visitor of {@code link}, protected since {@code since}. */
  public String issue(LinkId link, Instant since, Instant now) {
    long expires = now.plus(LIFETIME).getEpochSecond();
    return expires + "." + mac(link, since, expires);
  }

  /** Whether {@code value} is a cookie this secret issued for the link's current password. */
  public boolean valid(String value, LinkId link, Instant since, Instant now) {
    if (value == null) {
      return false;
    }
    var parts = VALUE.matcher(value);
    if (!parts.matches()) {
      return false;
    }
    long expires = Long.parseLong(parts.group(1));
    long nowMillis = now.toEpochMilli();
    if (expires * 1000 <= nowMillis
        || expires * 1000 - nowMillis > LIFETIME.plus(SKEW).toMillis()) {
      return false;
    }
    return MessageDigest.isEqual(
        mac(link, since, expires).getBytes(StandardCharsets.US_ASCII),
        parts.group(2).getBytes(StandardCharsets.US_ASCII));
  }

  private String mac(LinkId link, Instant since, long expires) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      byte[] signed =
          hmac.doFinal(
              (link.entityId() + "|" + since.toEpochMilli() + "|" + expires)
                  .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
