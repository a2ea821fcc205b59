package dev.smo1.stripe.standin;

import java.security.SecureRandom;

/** Object ids shaped as Stripe's: a type prefix and random letters and digits. */
final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String UPPER = "0123456789ABCDEF";
  private final SecureRandom random = new SecureRandom();

  String next(String prefix, int length) {
    var id = new StringBuilder(prefix);
    for (var i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  String customer() {
    return next("cus_", 14);
  }

  String checkoutSession() {
    return next("cs_test_", 58);
  }

  String portalSession() {
    return next("bps_", 24);
  }

  String subscription() {
    return next("sub_", 24);
  }

  String subscriptionItem() {
    return next("si_", 14);
  }

  String invoice() {
    return next("in_", 24);
  }

  String invoiceLine() {
    return next("il_", 24);
  }

  String paymentMethod() {
    return next("pm_", 24);
  }

  String testClock() {
    return next("clock_", 24);
  }

  String event() {
    return next("evt_", 24);
  }

  String request() {
    return next("req_", 14);
  }

  String portalConfiguration() {
    return next("bpc_", 24);
  }

  /** A customer's invoice prefix: eight upper-case hex characters, as Stripe assigns them. */
  String invoicePrefix() {
    var prefix = new StringBuilder();
    for (var i = 0; i < 8; i++) {
      prefix.append(UPPER.charAt(random.nextInt(UPPER.length())));
    }
    return prefix.toString();
  }
}
