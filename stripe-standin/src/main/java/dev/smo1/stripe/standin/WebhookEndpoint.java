package dev.smo1.stripe.standin;

import java.net.URI;
import java.util.Objects;

/**
 * Where events go and the secret that signs them, as a Stripe webhook endpoint has them.
 *
 * @param url the receiver's URL
 * @param signingSecret the endpoint's signing secret ({@code whsec_…}), the HMAC key as is
 */
public record WebhookEndpoint(URI url, String signingSecret) {
  public WebhookEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (!signingSecret.startsWith("whsec_")) {
      throw new IllegalArgumentException("a webhook signing secret starts with whsec_");
    }
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[url=" + url + ", signingSecret=whsec_…]";
  }
}
