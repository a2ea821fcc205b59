package dev.smo1.stripe.standin;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Amounts in a currency's smallest unit, written for people on the hosted pages. */
final class Money {
  /** Stripe's zero-decimal currencies among those a catalog is likely to hold. */
  private static final Set<String> ZERO_DECIMAL = Set.of("jpy", "krw", "vnd", "clp", "isk");

  private Money() {}

  static String format(String currency, long amount) {
    var scale = ZERO_DECIMAL.contains(currency) ? 0 : 2;
    var value = BigDecimal.valueOf(amount, scale).abs().toPlainString();
    var sign = amount < 0 ? "-" : "";
    return switch (currency) {
      case "usd" -> sign + "$" + value;
      case "eur" -> sign + "€" + value;
      case "gbp" -> sign + "£" + value;
      default -> sign + value + " " + currency.toUpperCase(Locale.ROOT);
    };
  }
}
