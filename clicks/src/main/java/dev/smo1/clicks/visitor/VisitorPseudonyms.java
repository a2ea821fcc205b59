package dev.smo1.clicks.visitor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A visitor's pseudonym for unique-visitor counts: the first 128 bits, as 32 lower-case hex digits,
 * of HMAC-SHA256 keyed by the day's {@link VisitorSalt} over {@code visitor|<UTC
 * day>|<address>|<user agent>}, the address in one spelling per address (IPv4 dotted decimal, IPv6
 * as RFC 5952 writes it). The edge Worker makes the same ({@code edge-redirect/src/visitor.ts}; one
 * known vector in both test suites), so a visitor followed at the edge and at the origin on one day
 * is one visitor.
 *
 * <p>Only the salt keys it: no long-lived secret takes part, so once the salt is gone (a day and
 * two hours after the day began) nobody, the operator included, can recompute a pseudonym from an
 * address or tell which address made one.
 */
public final class VisitorPseudonyms {
  /** One MAC per thread, re-keyed when the salt changes (once a day). */
  private static final ThreadLocal<Keyed> MACS = new ThreadLocal<>();

  private record Keyed(VisitorSalt salt, Mac mac) {}

  private VisitorPseudonyms() {}

  public static String of(VisitorSalt salt, String address, String userAgent) {
    Keyed keyed = MACS.get();
    if (keyed == null || !keyed.salt().equals(salt)) {
      keyed = new Keyed(salt, mac(salt));
      MACS.set(keyed);
    }
    byte[] mac =
        keyed
            .mac()
            .doFinal(
                ("visitor|" + salt.day() + "|" + address + "|" + userAgent)
                    .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac, 0, 16);
  }

  private static Mac mac(VisitorSalt salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.bytes(), "HmacSHA256"));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
