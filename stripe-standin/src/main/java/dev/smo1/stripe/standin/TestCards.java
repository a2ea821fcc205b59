package dev.smo1.stripe.standin;

import dev.smo1.stripe.standin.Entities.CardBehaviour;
import java.util.Optional;

/** Stripe's test card numbers, read as the hosted pages' card field takes them. */
final class TestCards {
  static final String SUCCEEDS = "4242424242424242";
  static final String CHARGES_FAIL = "4000000000000341";
  static final String DECLINED = "4000000000000002";

  private TestCards() {}

  record Parsed(String brand, String last4, CardBehaviour behaviour) {}

  /** Empty when the number is not a card number (wrong length or checksum). */
  static Optional<Parsed> parse(String typed) {
    var digits = typed == null ? "" : typed.replaceAll("[\\s-]", "");
    if (!digits.matches("\\d{13,19}") || !luhn(digits)) {
      return Optional.empty();
    }
    var behaviour =
        switch (digits) {
          case CHARGES_FAIL -> CardBehaviour.CHARGES_FAIL;
          case DECLINED, "4000000000009995", "4000000000009987", "4000000000000069" ->
              CardBehaviour.DECLINED;
          default -> CardBehaviour.SUCCEEDS;
        };
    return Optional.of(new Parsed(brand(digits), digits.substring(digits.length() - 4), behaviour));
  }

  private static String brand(String digits) {
    if (digits.startsWith("4")) {
      return "visa";
    }
    if (digits.startsWith("5") || digits.startsWith("2")) {
      return "mastercard";
    }
    if (digits.startsWith("34") || digits.startsWith("37")) {
      return "amex";
    }
    return "unknown";
  }

  private static boolean luhn(String digits) {
    var sum = 0;
    var doubled = false;
    for (var i = digits.length() - 1; i >= 0; i--) {
      var digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
