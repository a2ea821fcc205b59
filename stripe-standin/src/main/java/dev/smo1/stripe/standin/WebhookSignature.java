package dev.smo1.stripe.standin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code
 * "<t>.<body>"}, keyed with the endpoint's whole signing secret ({@code whsec_…} included).
 */
final class WebhookSignature {
  private WebhookSignature() {}

  static String header(String payload, String secret, long timestamp) {
    return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
  }

  static String hmac(String secret, String message) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
